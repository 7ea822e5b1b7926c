/* editor.js — the declaration editor of the page (placeholder) */
(function () {
  'use strict';
  window.kyojin.warm();
})();
