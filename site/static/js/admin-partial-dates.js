// Admin date inputs (core.partial_dates.PartialDateInput): while the editor types, say what the
// date was understood as ("March 2013, month precision") or why it is no date, asking the
// server's parser (/admin/partial-date/) so the page and the saved record always agree.
(function () {
  "use strict";
  var WAIT_MS = 250;
  var pending = new WeakMap();

  function explain(input) {
    var said = document.getElementById(input.id + "-understood");
    if (!said) return;
    var url = new URL(input.dataset.partialDateUrl, window.location.origin);
    url.searchParams.set("value", input.value);
    fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (answer) {
        if (!answer || answer.value !== input.value) return; // the editor typed on
        said.textContent = answer.understood || answer.error || said.dataset.partialDateHint;
        said.classList.toggle("error-message", Boolean(answer.error));
      })
      .catch(function () { /* offline: the form still says it on save */ });
  }

  // Delegated, so status changes and roles added to the form later are covered too.
  document.addEventListener("input", function (event) {
    var input = event.target;
    if (!(input instanceof HTMLInputElement) || !input.dataset.partialDateUrl) return;
    clearTimeout(pending.get(input));
    pending.set(input, setTimeout(function () { explain(input); }, WAIT_MS));
  });
})();
