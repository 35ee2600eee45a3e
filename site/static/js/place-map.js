/* The map of settlements (places/place_map.html): Leaflet draws the places the page lists as
   text (elements with data-lat and data-lng) on tiles from the configured server. Without
   JavaScript, or without tiles, the text is what readers get: the map stays hidden. A point's
   circle grows with its imprecision, so a district-level point does not look like a house. */
(function () {
  "use strict";
  var RADIUS_METRES = { exact: 0, approximate: 400, district: 2500 };

  function position(element) {
    return [parseFloat(element.dataset.lat), parseFloat(element.dataset.lng)];
  }

  function marker(element) {
    var at = position(element);
    var radius = RADIUS_METRES[element.dataset.precision] || 0;
    var options = { color: "#0b4f8a", weight: 2, fillOpacity: 0.25 };
    var shape = radius ? L.circle(at, Object.assign({ radius: radius }, options))
                       : L.circleMarker(at, Object.assign({ radius: 7 }, options));
    return shape.bindTooltip(element.dataset.name);
  }

  function draw(canvas) {
    var places = Array.prototype.slice.call(document.querySelectorAll("[data-lat][data-lng]"));
    if (!places.length || typeof L === "undefined") { return; }
    canvas.hidden = false;
    var map = L.map(canvas, { scrollWheelZoom: false });
    map.attributionControl.setPrefix(false);
    L.tileLayer(canvas.dataset.tileUrl, {
      attribution: canvas.dataset.attribution, maxZoom: 18
    }).addTo(map);
    // The view first: a circle can measure its bounds only on a map that has one.
    map.fitBounds(L.latLngBounds(places.map(position)), { maxZoom: 14, padding: [24, 24] });
    L.featureGroup(places.map(marker)).addTo(map);
  }

  document.addEventListener("DOMContentLoaded", function () {
    var canvas = document.getElementById("place-map");
    if (canvas) { draw(canvas); }
  });
})();
