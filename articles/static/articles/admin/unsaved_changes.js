// Warns before leaving a change form whose edits are not saved. Submitting the
// form itself (Save or a workflow button, which saves too) needs no warning;
// leaving by a link or by another form on the page does.
"use strict";
// The admin loads its scripts in the head: wait for the form.
document.addEventListener("DOMContentLoaded", () => {
    const form = document.querySelector("#content-main form[id$='_form']");
    if (form) {
        let dirty = false;
        const belongs = (target) => target.form === form || form.contains(target);
        const mark = (event) => {
            if (belongs(event.target)) {
                dirty = true;
            }
        };
        document.addEventListener("input", mark, true);
        document.addEventListener("change", mark, true);
        form.addEventListener("submit", () => {
            dirty = false;
        });
        window.addEventListener("beforeunload", (event) => {
            if (dirty) {
                event.preventDefault();
                // Older browsers need a non-empty string; none shows it any more.
                event.returnValue = "You have unsaved changes.";
            }
        });
    }
});
