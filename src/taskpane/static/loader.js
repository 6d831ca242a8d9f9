/*
 * The task pane's first script, in ES5 on purpose: volume-licensed Office 2019 and 2016, and retail ones without
 * WebView2, render add-ins in Trident (IE 11, ES5 only) or EdgeHTML ("Browsers and webview controls used by Office
 * Add-ins", learn.microsoft.com), which cannot run the pane's bundle (ES2017 syntax, and APIs such as
 * Array.prototype.flat that EdgeHTML lacks). This script runs there too: it tests
 * the features the bundle needs and, where they are missing, shows the page's own message (which Office versions
 * work, and the web page) instead of a blank pane. Otherwise it makes sure Office.js is there (the copy served
 * beside the pane when Office's CDN did not answer) and then loads the bundle.
 * The bundles' file names come from the data-bundles attribute of this script's own tag (filled at build time).
 */
(function () {
  'use strict';

  var loaderTag = document.getElementById('fulian-loader');

  function show(id) {
    var el = document.getElementById(id);
    if (!el) return;
    el.removeAttribute('hidden');
    el.style.display = 'block';
    var waiting = document.getElementById('fulian-loading');
    if (waiting) waiting.style.display = 'none';
  }

  /* What the bundle's syntax level (ES2017) and its libraries need, tested without eval (the page's policy forbids
     it): engines that have these (WebView2, WKWebView, current browsers) parse ES2017; Trident and EdgeHTML lack them. */
  function modern() {
    return (
      typeof Promise === 'function' &&
      typeof Promise.prototype['finally'] === 'function' &&
      typeof Object.entries === 'function' &&
      typeof Object.fromEntries === 'function' &&
      typeof Array.prototype.flat === 'function' &&
      typeof String.prototype.padStart === 'function' &&
      typeof Symbol === 'function' &&
      typeof window.Intl === 'object'
    );
  }

  function loadScript(src, done, failed) {
    var s = document.createElement('script');
    s.src = src;
    s.onload = done;
    s.onerror = failed;
    document.getElementsByTagName('head')[0].appendChild(s);
  }

  function loadBundles() {
    var names = (loaderTag && loaderTag.getAttribute('data-bundles')) || '';
    var list = names.split(' ');
    var i = 0;
    function next() {
      while (i < list.length && !list[i]) i++;
      if (i >= list.length) return;
      loadScript(list[i++], next, function () {
        show('fulian-no-bundle');
      });
    }
    next();
  }

  function start() {
    if (!modern()) {
      show('fulian-old-office');
      return;
    }
    // The CDN's office.js ran (or failed) before this script: its tag comes first and blocks.
    if (window.Office) {
      loadBundles();
      return;
    }
    // office.js finds the files it loads next (host scripts, string tables) beside the first script tag whose
    // address names office.js: the CDN's failed tag goes, so that is the local copy's folder.
    var tags = document.getElementsByTagName('script');
    for (var t = tags.length - 1; t >= 0; t--) {
      if (/appsforoffice\.microsoft\.com/.test(tags[t].src)) tags[t].parentNode.removeChild(tags[t]);
    }
    var local = (loaderTag && loaderTag.getAttribute('data-office')) || 'office/office.js';
    loadScript(
      local,
      function () {
        if (window.Office) loadBundles();
        else show('fulian-no-office');
      },
      function () {
        show('fulian-no-office');
      }
    );
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
