// The phone masthead's menu button: shows and hides the section navigation.
// Without this script the navigation is simply always shown.
(function () {
  "use strict";
  document.documentElement.classList.add("has-menu");
  document.addEventListener("DOMContentLoaded", function () {
    var button = document.querySelector(".masthead__menu-button");
    var menu = document.getElementById("site-menu");
    if (!button || !menu) {
      document.documentElement.classList.remove("has-menu");
      return;
    }
    button.addEventListener("click", function () {
      var open = button.getAttribute("aria-expanded") !== "true";
      button.setAttribute("aria-expanded", String(open));
      menu.classList.toggle("site-menu--open", open);
    });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && button.getAttribute("aria-expanded") === "true") {
        button.setAttribute("aria-expanded", "false");
        menu.classList.remove("site-menu--open");
        button.focus();
      }
    });
  });
})();
