// newsgraph ego graph: Cytoscape (canvas) drawing of the graph in
// #graph-data. Event edges are directed arrows labelled with their PLOVER
// types; co-occurrence edges are grey lines. Selecting an edge shows its
// sentences (/graph/edge?…&frag=1); double-clicking a node, or "Expand",
// adds its neighbours (/graph/data?entity=).
(function () {
  'use strict';
  var el = document.getElementById('graph');
  var dataEl = document.getElementById('graph-data');
  var panel = document.getElementById('gpanel');
  if (!el || !dataEl || !window.cytoscape) { return; }
  var g = JSON.parse(dataEl.textContent);
  el.textContent = '';

  var colours = { PERSON: '#3b6fc6', ORG: '#3f8f3a', GPE: '#c9713c', LOC: '#c9713c' };
  function elements(graph) {
    var out = [];
    graph.nodes.forEach(function (n) {
      out.push({ group: 'nodes', data: { id: n.id, label: n.name, type: n.type, docs: n.docs, href: n.href, centre: n.centre ? 1 : 0,
        colour: colours[n.type] || '#8a7fb0', size: Math.min(56, 14 + 5 * Math.log2(1 + n.docs)) } });
    });
    graph.edges.forEach(function (e) {
      out.push({ group: 'edges', data: { id: e.kind + ':' + e.source + '>' + e.target, source: e.source, target: e.target, kind: e.kind,
        weight: e.weight, label: e.kind === 'event' ? (e.types || []).join(', ') : '', href: e.href } });
    });
    return out;
  }

  var cy = cytoscape({
    container: el,
    elements: elements(g),
    wheelSensitivity: 0.3,
    minZoom: 0.2, maxZoom: 3,
    style: [
      { selector: 'node', style: { 'background-color': 'data(colour)', 'label': 'data(label)', 'width': 'data(size)', 'height': 'data(size)',
        'font-size': 11, 'color': '#1b2230', 'text-valign': 'bottom', 'text-margin-y': 3, 'text-wrap': 'ellipsis', 'text-max-width': 130,
        'text-background-color': '#ffffff', 'text-background-opacity': 0.8, 'text-background-padding': 1, 'border-width': 1, 'border-color': '#fff' } },
      { selector: 'node[centre = 1]', style: { 'border-width': 4, 'border-color': '#1b2230', 'font-weight': 'bold', 'font-size': 13 } },
      { selector: 'edge[kind = "cooccur"]', style: { 'line-color': '#b3bac6', 'width': 'mapData(weight, 1, 20, 1, 6)', 'curve-style': 'haystack', 'opacity': 0.7 } },
      { selector: 'edge[kind = "event"]', style: { 'line-color': '#b42318', 'target-arrow-color': '#b42318', 'target-arrow-shape': 'triangle',
        'width': 2.5, 'curve-style': 'bezier', 'label': 'data(label)', 'font-size': 10, 'color': '#8d1b12', 'text-rotation': 'autorotate',
        'text-background-color': '#ffffff', 'text-background-opacity': 0.9, 'text-background-padding': 1 } },
      { selector: ':selected', style: { 'overlay-color': '#ffbf47', 'overlay-opacity': 0.35 } }
    ],
    layout: { name: 'concentric', concentric: function (n) { return n.data('centre') ? 100 : n.degree(); }, levelWidth: function () { return 4; },
      minNodeSpacing: 18, animate: false, padding: 20 }
  });

  function show(html) { panel.innerHTML = html; }
  function text(s) { var d = document.createElement('div'); d.textContent = s; return d.innerHTML; }
  function load(href) {
    show('<p class="meta">Loading the sentences…</p>');
    fetch(href + '&frag=1', { credentials: 'same-origin' })
      .then(function (r) { if (!r.ok) { throw new Error(r.status); } return r.text(); })
      .then(function (html) { show(html + '<p><a href="' + href + '">open as a page</a></p>'); })
      .catch(function () { show('<p>Could not load the sentences. <a href="' + href + '">Open them</a>.</p>'); });
  }
  function expand(id) {
    fetch('/graph/data?entity=' + encodeURIComponent(id), { credentials: 'same-origin' })
      .then(function (r) { return r.json(); })
      .then(function (more) {
        if (!more.nodes) { return; }
        var add = elements(more).filter(function (e) { return cy.getElementById(e.data.id).empty(); });
        add.forEach(function (e) { if (e.group === 'nodes') { e.data.centre = 0; } });
        cy.add(add);
        cy.layout({ name: 'cose', animate: false, randomize: false, nodeRepulsion: function () { return 9000; }, padding: 20 }).run();
        el.setAttribute('data-nodes', String(cy.nodes().length));
      });
  }
  cy.on('tap', 'edge', function (e) { load(e.target.data('href')); });
  cy.on('tap', 'node', function (e) {
    var n = e.target.data();
    show('<p><b>' + text(n.label) + '</b> <span class="etag">' + text(n.type) + '</span><br>' + n.docs + ' article' + (n.docs === 1 ? '' : 's') +
      '</p><p><a href="' + n.href + '">entity page</a> · <a href="/graph?entity=' + encodeURIComponent(n.id) + '">centre here</a></p>' +
      '<p><button type="button" id="expand">Expand: add its neighbours</button></p>');
    document.getElementById('expand').addEventListener('click', function () { expand(n.id); });
  });
  cy.on('dbltap', 'node', function (e) { expand(e.target.id()); });
  el.setAttribute('data-nodes', String(cy.nodes().length));
  el.setAttribute('data-edges', String(cy.edges().length));
  window.newsgraphGraph = cy; // for the browser tests and the console
  el.setAttribute('data-ready', '1');
})();
