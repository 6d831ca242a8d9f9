/*
 * 妇联指标报表助手 · WPS加载项: the ribbon's callbacks (ribbon.xml names them). WPS opens the add-in's index.html, which
 * loads this file (open.wps.cn, "WPS 加载项开发说明": 启动流程), then builds the ribbon and calls these functions.
 * Plain ES5 on purpose: it runs before anything else and must parse in every WPS webview.
 * Calls, as Kingsoft's sample add-in makes them (wpsoa/wpsoa.github.io js/ribbon.js): Application.CreateTaskPane(url)
 * returns a pane with ID and Visible; Application.GetTaskPane(id) finds it again; Application.PluginStorage keeps the
 * id for the session.
 */
/* global window, document */
var FULIAN_PANE_ID_KEY = 'fulian-returns.taskpane-id';
// Replaced by `npm run build` with the address the pane is served from (FULIAN_BASE_URL + wps/taskpane.html).
var FULIAN_PANE_URL = '__FULIAN_PANE_URL__';

/** The pane's address: the one the build wrote in, else beside this add-in's own page. */
function fulianPaneUrl() {
  if (FULIAN_PANE_URL.indexOf('__') !== 0) return FULIAN_PANE_URL;
  var here = decodeURI(String(document.location));
  return here.substring(0, here.lastIndexOf('/') + 1) + 'taskpane.html';
}

/** WPS's Application (window.Application); early WPS gave the same calls on window.wps (OA-assistant add-ins). */
function fulianApp() {
  return window.Application || window.wps;
}

function OnAddinLoad(ribbonUI) {
  var app = fulianApp();
  if (app && typeof app.ribbonUI !== 'object') app.ribbonUI = ribbonUI;
  return true;
}

/** Shows the pane, creating it the first time (or again when WPS no longer knows the one it made). */
function fulianShowPane() {
  var app = fulianApp();
  var id = app.PluginStorage.getItem(FULIAN_PANE_ID_KEY);
  if (id) {
    try {
      var existing = app.GetTaskPane(id);
      if (existing) {
        existing.Visible = true;
        return;
      }
    } catch (e) {
      /* the pane is gone: make a new one */
    }
  }
  var pane = app.CreateTaskPane(fulianPaneUrl());
  app.PluginStorage.setItem(FULIAN_PANE_ID_KEY, pane.ID);
  pane.Visible = true;
}

function OnAction(control) {
  if (control && control.Id === 'fulianCheckReturn') fulianShowPane();
  return true;
}

function GetImage(control) {
  return 'images/icon-32.png';
}
