/*
 * Loaded in the <head> of the explorer page only, before Material's script.
 *
 * The explorer's text filter lives in the address as ?q=, and so does Material's search deep
 * link: Material opens its search box for any ?q= when its script starts. Hand the address's
 * query to the explorer (window.__medvlmQuery) and hide q from Material; the explorer puts q
 * back into the address once it has restored its filters.
 */
(function () {
  "use strict";
  var params = new URLSearchParams(window.location.search);
  if (!params.has("q")) return;
  window.__medvlmQuery = window.location.search;
  params.delete("q");
  var rest = params.toString();
  window.history.replaceState(
    window.history.state, "", window.location.pathname + (rest ? "?" + rest : "") + window.location.hash
  );
})();
