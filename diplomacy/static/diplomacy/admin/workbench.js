"use strict";
// The curator's workbench (served as a file: the site's CSP allows no inline script).
// - Statement fields show only when the event is a statement.
// - The speaker's post list offers only posts the chosen speaker held.
{
    document.addEventListener("DOMContentLoaded", () => {
        const kind = document.getElementById("id_kind");
        const statementOnly = document.querySelectorAll(".statement-only");
        if (kind && statementOnly.length) {
            const sync = () => {
                statementOnly.forEach((element) => {
                    element.hidden = kind.value !== "statement";
                });
            };
            kind.addEventListener("change", sync);
            sync();
        }
    });

    if (window.django && window.django.jQuery) {
        window.django.jQuery.ajaxPrefilter((options) => {
            if (typeof options.data !== "string" ||
                    !options.data.includes("field_name=speaker_post")) {
                return;
            }
            const speaker = document.getElementById("id_speaker_person");
            if (speaker && speaker.value) {
                options.data += "&speaker=" + encodeURIComponent(speaker.value);
            }
        });
    }
}
