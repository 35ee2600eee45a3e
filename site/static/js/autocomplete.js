/* Suggest names while a search box is typed in: fills a <datalist> from /search/autocomplete/.
   Progressive enhancement only: without JavaScript the search form works as a plain GET form. */
(function () {
  "use strict";
  if (!window.fetch || !document.querySelectorAll) return;
  var forms = document.querySelectorAll('form[role="search"]');
  Array.prototype.forEach.call(forms, function (form, index) {
    var input = form.querySelector('input[name="q"]');
    if (!input || input.dataset.suggesting) return;
    input.dataset.suggesting = "1";
    var action = form.getAttribute("action") || "/search/";
    var endpoint = input.dataset.autocomplete || action.replace(/\/?$/, "/") + "autocomplete/";
    var list = document.createElement("datalist");
    list.id = "search-suggestions-" + index;
    form.appendChild(list);
    input.setAttribute("list", list.id);
    input.setAttribute("autocomplete", "off");
    var timer = null, last = "", controller = null;
    input.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(function () {
        var text = input.value.trim();
        if (text.length < 2 || text === last) return;
        last = text;
        if (controller) controller.abort();
        controller = window.AbortController ? new AbortController() : null;
        fetch(endpoint + "?q=" + encodeURIComponent(text), {
          headers: { Accept: "application/json" },
          signal: controller ? controller.signal : undefined
        }).then(function (response) {
          return response.ok ? response.json() : { results: [] };
        }).then(function (data) {
          list.textContent = "";
          (data.results || []).forEach(function (item) {
            var option = document.createElement("option");
            option.value = item.value;
            option.label = item.label;
            list.appendChild(option);
          });
        }).catch(function () { /* suggestions are optional */ });
      }, 150);
    });
  });
})();
