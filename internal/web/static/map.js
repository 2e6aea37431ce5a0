// newsgraph map: Leaflet over the embedded world-atlas country shapes (no
// tiles, nothing from other sites). Cities are markers clustered with
// supercluster; countries mentioned as places are shaded; events are a
// layer. Every marker, cluster, country and event opens its sentences.
(function () {
  'use strict';
  var el = document.getElementById('map');
  var dataEl = document.getElementById('map-data');
  if (!el || !dataEl || !window.L) { return; }
  var data = JSON.parse(dataEl.textContent);
  el.textContent = '';

  var map = L.map(el, { worldCopyJump: false, minZoom: 1, maxZoom: 10, zoomSnap: 0.5,
    maxBounds: [[-85, -200], [85, 200]], attributionControl: true });
  map.attributionControl.setPrefix(false);
  map.attributionControl.addAttribution('Country shapes: Natural Earth via world-atlas');

  // Evidence popups: the server renders the sentences (/place?…&frag=1).
  function evidencePopup(layer, href) {
    layer.bindPopup('<p class="meta">Loading the sentences…</p>', { maxWidth: 360 });
    layer.on('popupopen', function (e) {
      fetch(href + (href.indexOf('?') < 0 ? '?' : '&') + 'frag=1', { credentials: 'same-origin' })
        .then(function (r) { if (!r.ok) { throw new Error(r.status); } return r.text(); })
        .then(function (html) { e.popup.setContent(html); })
        .catch(function () { e.popup.setContent('<p>Could not load the sentences. <a href="' + href + '">Open them</a>.</p>'); });
    });
  }
  function short(n) { return n >= 1000 ? (n / 1000).toFixed(n >= 10000 ? 0 : 1) + 'k' : String(n); }
  function text(s) { var d = document.createElement('div'); d.textContent = s; return d.innerHTML; }

  // Countries: shaded when mentioned as a country-level place.
  var areas = {};
  var maxArea = 1;
  data.areas.forEach(function (a) { areas[a.id] = a; maxArea = Math.max(maxArea, a.mentions); });
  var countries = L.layerGroup();
  fetch('/static/vendor/world-atlas@2.0.2/countries-110m.json', { credentials: 'same-origin' })
    .then(function (r) { return r.json(); })
    .then(function (topo) {
      var geo = topojson.feature(topo, topo.objects.countries);
      var base = L.geoJSON(geo, {
        style: function (f) {
          var a = areas[f.id];
          if (!a) { return { color: '#9aa6b2', weight: 0.6, fillColor: '#f4f1ea', fillOpacity: 1 }; }
          var t = 0.35 + 0.55 * a.mentions / maxArea;
          return { color: '#8a4a1c', weight: 1.2, fillColor: '#d9782f', fillOpacity: t, className: 'area area-' + a.code };
        },
        onEachFeature: function (f, layer) {
          var a = areas[f.id];
          if (a) {
            layer.bindTooltip(text(a.name) + ': ' + a.mentions + ' mention' + (a.mentions === 1 ? '' : 's'));
            evidencePopup(layer, a.href);
          }
        }
      });
      base.addTo(countries);
      countries.addTo(map);
      countries.eachLayer(function (l) { l.bringToBack(); });
      el.setAttribute('data-countries', String(data.areas.length));
      el.setAttribute('data-ready', '1');
    })
    .catch(function () { el.setAttribute('data-ready', '1'); });

  // Cities and regions: clustered markers, sized by mentions.
  var points = L.layerGroup().addTo(map);
  var index = new Supercluster({ radius: 40, maxZoom: 9 });
  index.load(data.points.map(function (p, i) {
    return { type: 'Feature', properties: { i: i, mentions: p.mentions }, geometry: { type: 'Point', coordinates: [p.lon, p.lat] } };
  }));
  function icon(cls, label, size) {
    return L.divIcon({ className: '', html: '<div class="mk ' + cls + '">' + label + '</div>',
      iconSize: [size, size], iconAnchor: [size / 2, size / 2] });
  }
  function drawPoints() {
    points.clearLayers();
    var z = Math.round(map.getZoom());
    index.getClusters([-180, -85, 180, 85], z).forEach(function (c) {
      var ll = [c.geometry.coordinates[1], c.geometry.coordinates[0]];
      if (c.properties.cluster) {
        var n = c.properties.point_count;
        var m = L.marker(ll, { icon: icon('cl', short(n), 26 + Math.min(14, n)), title: n + ' places; zoom in', keyboard: true, alt: n + ' places' });
        m.on('click', function () { map.setView(ll, Math.min(index.getClusterExpansionZoom(c.properties.cluster_id), 10)); });
        points.addLayer(m);
        return;
      }
      var p = data.points[c.properties.i];
      var size = 18 + Math.min(14, 3 * Math.sqrt(p.mentions));
      var mk = L.marker(ll, { icon: icon('pt', short(p.mentions), size), title: p.name + ': ' + p.mentions + ' mentions', keyboard: true, alt: p.name });
      mk.on('add', function () { var e = mk.getElement(); if (e) { e.setAttribute('data-name', p.name); e.setAttribute('aria-label', p.name + ': ' + short(p.mentions) + ' mentions'); } });
      evidencePopup(mk, p.href);
      points.addLayer(mk);
    });
  }
  map.on('zoomend', drawPoints);

  // Events with a place: one marker per place, set off to the lower right
  // of the place's own marker so that both can be clicked.
  var events = L.layerGroup().addTo(map);
  var typeSel = document.getElementById('evtype');
  function drawEvents() {
    events.clearLayers();
    var want = typeSel ? typeSel.value : '';
    data.events.forEach(function (g) {
      var evs = g.events.filter(function (e) { return !want || e.type === want; });
      if (!evs.length) { return; }
      var ic = L.divIcon({ className: '', html: '<div class="mk evm"><span>' + evs.length + '</span></div>', iconSize: [18, 18], iconAnchor: [-6, -6] });
      var m = L.marker([g.lat, g.lon], { icon: ic, title: evs.length + ' event' + (evs.length === 1 ? '' : 's') + ' in ' + g.place, keyboard: true, alt: 'events in ' + g.place });
      m.on('add', function () { var e = m.getElement(); if (e) { e.setAttribute('data-events', g.place); } });
      m.bindPopup('<div class="pop"><b>' + text(g.place) + '</b>: ' + evs.length + ' event' + (evs.length === 1 ? '' : 's') + '<ol class="evidence-list">' +
        evs.map(function (e) {
          return '<li><span class="etype">' + text(e.type) + '</span> ' + text(e.label) + (e.date ? ' · ' + text(e.date) : '') +
            '<p>' + text(e.evidence) + '</p><a href="' + e.href + '">open the sentence</a></li>';
        }).join('') + '</ol></div>', { maxWidth: 360 });
      events.addLayer(m);
    });
  }
  if (typeSel) { typeSel.disabled = false; typeSel.addEventListener('change', drawEvents); }

  L.control.layers(null, { 'Cities and regions': points, 'Countries mentioned': countries, 'Events': events }, { collapsed: el.clientWidth < 600 }).addTo(map);

  // Start on where most mentions are: the points within 2,000 km of the
  // mention-weighted median point (far outliers stay a zoom-out away).
  function median(xs) { xs.sort(function (a, b) { return a - b; }); return xs[Math.floor(xs.length / 2)]; }
  var lats = [], lons = [];
  data.points.forEach(function (p) { for (var k = 0; k < p.mentions; k++) { lats.push(p.lat); lons.push(p.lon); } });
  if (lats.length) {
    var c = L.latLng(median(lats), median(lons));
    var near = data.points.filter(function (p) { return c.distanceTo([p.lat, p.lon]) < 2e6; }).map(function (p) { return [p.lat, p.lon]; });
    map.fitBounds(L.latLngBounds(near.length ? near : [c]).pad(0.3), { maxZoom: 6 });
  } else if (data.events.length) {
    map.fitBounds(L.latLngBounds(data.events.map(function (g) { return [g.lat, g.lon]; })).pad(0.3), { maxZoom: 6 });
  } else { map.setView([30, 10], 1.5); }
  drawPoints();
  drawEvents();
  el.setAttribute('data-points', String(data.points.length));
})();
