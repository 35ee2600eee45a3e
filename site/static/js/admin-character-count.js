// A character count under every bounded text field of the admin's edit forms ("120/3000"),
// as Wagtail's rich text editor shows for its own fields. The browser's own `maxlength` is
// lifted so that a long paste is not cut without a word: the server refuses it with a message
// that names the limit, and the count turns red before that.
(function () {
  "use strict";
  var FIELDS = "textarea[maxlength], input[type=text][maxlength], " +
    "textarea[data-maxlength], input[type=text][data-maxlength]";

  function length(text) {
    return Array.from(text.replace(/\r\n/g, "\n")).length; // characters, as Django counts them
  }

  function counterFor(field) {
    if (field.dataset.maxlength === undefined) {
      field.dataset.maxlength = field.getAttribute("maxlength");
      field.removeAttribute("maxlength");
    }
    var counter = document.getElementById(field.id + "-character-count");
    if (!counter) {
      counter = document.createElement("p");
      counter.id = field.id + "-character-count";
      counter.className = "w-help-text w-tabular-nums ubada-character-count";
      counter.setAttribute("aria-live", "polite");
      field.insertAdjacentElement("afterend", counter);
    }
    return counter;
  }

  function update(field) {
    if (!field.id) {
      return;
    }
    var counter = counterFor(field);
    var limit = parseInt(field.dataset.maxlength, 10);
    var used = length(field.value);
    counter.textContent = used + "/" + limit;
    counter.classList.toggle("w-text-critical-200", used > limit);
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll(FIELDS).forEach(update);
  });
  // Rows added to an inline panel later are counted from their first keystroke.
  document.addEventListener("input", function (event) {
    if (event.target.matches && event.target.matches(FIELDS)) {
      update(event.target);
    }
  });
})();
