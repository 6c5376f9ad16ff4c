/* The actor network: countries, organisations and people as nodes; who acts on whom
 * in events, agreement flows and belonging as edges (see diplomacy/pages/network.py).
 * The graph is the page's own (json_script "network-data"), which the tables under it
 * list too; a test reads back what was drawn through window.diplomacyNetwork. Loaded
 * with defer, after Cytoscape.js: the page is parsed. */
(function () {
  "use strict";

  var container = document.getElementById("network");
  var source = document.getElementById("network-data");
  if (!container || !source || typeof cytoscape === "undefined") {
    return;
  }
  var data = JSON.parse(source.textContent);
  var elements = data.nodes.map(function (node) {
    return {group: "nodes", data: {id: node.id, label: node.label, type: node.type,
                                   url: node.url}};
  }).concat(data.edges.map(function (edge) {
    return {group: "edges", data: {id: edge.id, source: edge.source, target: edge.target,
                                   kind: edge.kind, label: edge.label, count: edge.count}};
  }));
  // Countries in the middle ring, organisations around them, people outermost.
  var RING = {country: 3, organization: 2, person: 1};

  var cy = cytoscape({
    container: container,
    elements: elements,
    minZoom: 0.2,
    maxZoom: 3,
    style: [
      {selector: "node", style: {
        "label": "data(label)", "font-size": 11, "text-valign": "bottom", "text-margin-y": 3,
        "text-wrap": "wrap", "text-max-width": 120, "color": "#1b1b1b",
        "text-background-color": "#fff", "text-background-opacity": 0.8,
        "text-background-padding": 1}},
      {selector: "node[type = 'country']", style: {
        "background-color": "#1f4e79", "width": 42, "height": 42, "font-size": 13,
        "font-weight": "bold"}},
      {selector: "node[type = 'organization']", style: {
        "background-color": "#d98b0b", "shape": "round-rectangle", "width": 26,
        "height": 20}},
      {selector: "node[type = 'person']", style: {
        "background-color": "#2e7d4f", "width": 24, "height": 24}},
      {selector: "edge", style: {
        "curve-style": "bezier", "width": 1.5, "line-color": "#8a8a8a",
        "target-arrow-color": "#8a8a8a", "target-arrow-shape": "triangle",
        "arrow-scale": 0.9, "label": "data(label)", "font-size": 9,
        "text-rotation": "autorotate", "text-background-color": "#fff",
        "text-background-opacity": 0.9, "text-background-padding": 1}},
      {selector: "edge[kind = 'acts_on']", style: {
        "width": "mapData(count, 1, 10, 1.5, 6)"}},
      {selector: "edge[kind = 'exchange']", style: {
        "width": 4, "line-color": "#b03a2e", "target-arrow-color": "#b03a2e",
        "font-size": 13, "font-weight": "bold", "color": "#b03a2e",
        "control-point-step-size": 60}},
      {selector: "edge[kind = 'agreement']", style: {
        "width": 3, "line-style": "dashed", "line-color": "#b03a2e",
        "target-arrow-shape": "none", "color": "#b03a2e"}},
      {selector: "edge[kind = 'belongs_to']", style: {
        "line-style": "dotted", "line-color": "#b5b5b5", "width": 1,
        "target-arrow-shape": "none", "label": ""}}
    ],
    // Rings first (countries inside), then forces from those positions: the same
    // picture on every load (no random start), with linked actors drawn together.
    layout: {
      name: "concentric", animate: false, minNodeSpacing: 36, padding: 24,
      concentric: function (node) { return RING[node.data("type")] || 0; },
      levelWidth: function () { return 1; }
    }
  });
  cy.layout({
    name: "cose", randomize: false, animate: false, padding: 24, nodeDimensionsIncludeLabels: true,
    idealEdgeLength: function (edge) { return edge.data("kind") === "belongs_to" ? 50 : 80; },
    nodeRepulsion: function () { return 4500; }, gravity: 10, numIter: 1500
  }).run();

  cy.on("tap", "node", function (event) {
    var url = event.target.data("url");
    if (url) {
      window.location.assign(url);
    }
  });
  window.diplomacyNetwork = cy;
}());
