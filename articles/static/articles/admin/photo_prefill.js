// Reads a chosen photo's metadata before the form is saved and fills the fields
// the editor has left empty, so that the caption and credit can be corrected
// before the photo exists. Without this script the same fill happens on save.
"use strict";
{
    function note(input) {
        let box = input.parentNode.querySelector(".photo-metadata-note");
        if (!box) {
            box = document.createElement("div");
            box.className = "help photo-metadata-note";
            box.setAttribute("aria-live", "polite");
            input.parentNode.appendChild(box);
        }
        box.replaceChildren();
        return box;
    }

    function line(box, label, names) {
        const paragraph = document.createElement("p");
        paragraph.append(label + " ");
        names.forEach((node, index) => {
            if (index) {
                paragraph.append(", ");
            }
            paragraph.append(node);
        });
        box.appendChild(paragraph);
    }

    function addLink(entry) {
        const span = document.createElement("span");
        const link = document.createElement("a");
        link.href = entry.add_url;
        link.target = "_blank";
        link.textContent = "add";
        span.append(entry.name + " (", link, ")");
        return span;
    }

    function matchText(entry) {
        return entry.name === entry.person.name
            ? entry.name
            : entry.name + " (" + entry.person.name + ")";
    }

    function fillPhotographer(form, creator) {
        const select = form.elements.photographer;
        if (!select || select.value || !creator || !creator.person) {
            return false;
        }
        select.appendChild(new Option(creator.person.name, creator.person.id, true, true));
        // The autocomplete widget redraws on jQuery's change event.
        if (window.django && window.django.jQuery) {
            window.django.jQuery(select).trigger("change");
        } else {
            select.dispatchEvent(new Event("change", {bubbles: true}));
        }
        return true;
    }

    function fill(form, data, box) {
        const filled = [];
        for (const [name, value] of Object.entries(data.fields)) {
            const field = form.elements[name];
            // What the editor typed is never replaced.
            if (field && !field.value.trim()) {
                field.value = value;
                field.dispatchEvent(new Event("change", {bubbles: true}));
                filled.push(name.replace("_", " "));
            }
        }
        if (fillPhotographer(form, data.creator)) {
            filled.push("photographer");
        }
        if (filled.length) {
            line(box, "Filled from the image's metadata:", filled);
        }
        if (data.copyright) {
            line(box, "Copyright notice in the file:", [data.copyright]);
        }
        const matched = data.people_shown.filter((entry) => entry.person);
        if (matched.length) {
            line(box, "Will be suggested as shown, to confirm after saving:", matched.map(matchText));
        }
        const unknown = data.people_shown.filter((entry) => !entry.person);
        const photographer = form.elements.photographer;
        if (data.creator && !data.creator.person && !(photographer && photographer.value)) {
            unknown.unshift(data.creator);
        }
        if (unknown.length) {
            line(box, "Named in the metadata, not on file:", unknown.map(addLink));
        }
    }

    async function read(input) {
        const form = input.form;
        const box = note(input);
        const file = input.files[0];
        if (!file) {
            return;
        }
        const body = new FormData();
        body.append("image", file);
        body.append("csrfmiddlewaretoken", form.elements.csrfmiddlewaretoken.value);
        box.textContent = "Reading the image's metadata…";
        let response, data;
        try {
            response = await fetch(input.dataset.metadataUrl, {
                method: "POST",
                body: body,
                credentials: "same-origin",
            });
            data = await response.json();
        } catch (error) {
            box.textContent = "The image's metadata could not be read; it is read again on saving.";
            return;
        }
        box.replaceChildren();
        if (!response.ok) {
            box.textContent = data.error;
            return;
        }
        fill(form, data, box);
        form.dataset.metadataRead = "true";
    }

    document.addEventListener("DOMContentLoaded", () => {
        for (const input of document.querySelectorAll("input[type=file][data-metadata-url]")) {
            input.addEventListener("change", () => read(input));
        }
    });
}
