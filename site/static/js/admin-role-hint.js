// The promise form: says which role each promising person held on "Made on" as soon as both
// are filled, and warns when a person held none then (promises/role_hint.py answers).
// Loaded on every page editor by promises/wagtail_hooks.py; it acts only on a form with a
// "made" field and person choosers.
(function () {
  "use strict";

  // Read while the script runs: document.currentScript is null afterwards.
  var ROLE_URL = document.currentScript.dataset.roleUrl;
  var PERSON_INPUTS = 'input[name^="promisor_people-"][name$="-person"]';

  function chosenPeople(form) {
    var ids = [];
    form.querySelectorAll(PERSON_INPUTS).forEach(function (input) {
      var removed = form.querySelector(
        'input[name="' + input.name.replace(/-person$/, "-DELETE") + '"]');
      if (input.value && !(removed && removed.value === "1")) ids.push(input.value);
    });
    return ids;
  }

  function hintBox(made) {
    var box = document.getElementById("promise-role-hint");
    if (!box) {
      box = document.createElement("div");
      box.id = "promise-role-hint";
      box.setAttribute("role", "status");
      box.setAttribute("aria-live", "polite");
      made.insertAdjacentElement("afterend", box);
    }
    return box;
  }

  function show(box, people) {
    box.replaceChildren();
    people.forEach(function (entry) {
      var line = document.createElement("p");
      line.className = "help-block " + (entry.warning ? "help-warning" : "help-info");
      line.dataset.roleWarning = String(entry.warning);
      line.textContent = entry.message;
      box.appendChild(line);
    });
  }

  function start() {
    var made = document.querySelector('form input[name="made"]');
    var form = made && made.form;
    if (!form || !form.querySelector("#id_promisor_people-TOTAL_FORMS")) return;
    var latest = 0;

    function update() {
      var ids = chosenPeople(form);
      var box = hintBox(made);
      if (!made.value.trim() || !ids.length) {
        box.replaceChildren();
        return;
      }
      var query = new URLSearchParams({ made: made.value });
      ids.forEach(function (id) { query.append("person", id); });
      var asked = ++latest;
      fetch(ROLE_URL + "?" + query.toString(), { credentials: "same-origin" })
        .then(function (response) { return response.ok ? response.json() : { people: [] }; })
        .then(function (data) { if (asked === latest) show(box, data.people || []); })
        .catch(function () { /* no hint; the form saves as before */ });
    }

    made.addEventListener("input", update);
    form.addEventListener("change", update); // the choosers dispatch "change" when chosen
    update();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
