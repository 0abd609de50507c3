// Keeps this user's short "is editing" lease alive while the change form is
// open, shows who else is editing, and gives the lease up on leaving the page.
"use strict";
// The admin loads its scripts in the head: wait for the form.
document.addEventListener("DOMContentLoaded", () => {
    const box = document.querySelector("[data-presence-url]");
    const token = document.querySelector("input[name=csrfmiddlewaretoken]");
    if (box && token) {
        const url = box.dataset.presenceUrl;
        const every = Number(box.dataset.presenceSeconds || 60) * 1000;

        function show(others) {
            box.replaceChildren();
            others.forEach((other) => {
                const line = document.createElement("p");
                line.className = "errornote";
                line.textContent = other;
                box.appendChild(line);
            });
        }

        function ping() {
            const body = new FormData();
            body.append("csrfmiddlewaretoken", token.value);
            fetch(url, {method: "POST", body: body, credentials: "same-origin"})
                .then((response) => (response.ok ? response.json() : null))
                .then((answer) => {
                    if (answer) {
                        show(answer.others);
                    }
                })
                .catch(() => {});
        }

        window.setInterval(ping, every);
        window.addEventListener("pagehide", () => {
            const body = new FormData();
            body.append("csrfmiddlewaretoken", token.value);
            body.append("leave", "1");
            navigator.sendBeacon(url, body);
        });
    }
});
