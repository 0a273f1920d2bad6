// Enhancements for the submission and moderation forms. Everything works without this file.
(function () {
  "use strict";

  // The error summary takes focus so screen-reader and keyboard users hear the problems first
  // (the autofocus attribute does the same where supported).
  var summary = document.querySelector("[data-error-summary]");
  if (summary) {
    summary.focus();
    // Following a link in the summary moves focus to the field itself, not just scrolls to it.
    summary.addEventListener("click", function (event) {
      var link = event.target.closest("a");
      if (!link || link.getAttribute("href").charAt(0) !== "#") { return; }
      var field = document.getElementById(link.getAttribute("href").slice(1));
      if (!field) { return; }
      event.preventDefault();
      var details = field.closest("details");
      if (details) { details.open = true; }
      var group = field.closest(".form-group") || field;
      group.scrollIntoView();
      field.focus({ preventScroll: true });
    });
  }

  // Character counts: tell people how many characters are left, without ever stopping them typing.
  document.querySelectorAll("[data-character-count] textarea[data-maxlength]").forEach(function (area) {
    var limit = parseInt(area.getAttribute("data-maxlength"), 10);
    var info = document.getElementById(area.id + "-info");
    if (!limit || !info) { return; }
    var status = document.createElement("p");
    status.className = "hint character-count-status";
    status.setAttribute("aria-live", "polite");
    info.parentNode.insertBefore(status, info.nextSibling);
    function update() {
      var left = limit - area.value.length;
      status.textContent = left >= 0
        ? "You have " + left.toLocaleString("en-GB") + " character" + (left === 1 ? "" : "s") + " remaining"
        : "You have " + (-left).toLocaleString("en-GB") + " character" + (left === -1 ? "" : "s") + " too many";
      status.classList.toggle("character-count-over", left < 0);
    }
    area.addEventListener("input", update);
    update();
  });
})();
