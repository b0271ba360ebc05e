// Progressive enhancement for Podryad's pages; everything also works without this file.
// Loaded after htmx. The settings repeat the <meta name="htmx-config"> on purpose: a page must never
// evaluate strings as code (the CSP has no 'unsafe-eval') nor let htmx inject a <style> ('unsafe-inline').
;(function () {
  'use strict'
  var htmx = window.htmx
  if (!htmx) return
  htmx.config.allowEval = false
  htmx.config.allowScriptTags = false
  htmx.config.includeIndicatorStyles = false

  // A fragment request the server refused with its error page (404, 500, 503…): show that page's content
  // in <main>, so the visitor reads the explanation instead of nothing happening.
  document.addEventListener('htmx:beforeSwap', function (event) {
    var detail = event.detail
    var main = document.getElementById('main')
    if (!detail.isError || !main || !/<main[\s>]/.test(detail.serverResponse || '')) return
    detail.shouldSwap = true
    detail.isError = false
    detail.target = main
    detail.selectOverride = '#main > *'
    detail.swapOverride = 'innerHTML'
  })

  // Without a network the fragment never comes: load the address itself and let the browser explain.
  document.addEventListener('htmx:sendError', function (event) {
    var detail = event.detail || {}
    var verb = detail.requestConfig && detail.requestConfig.verb
    var path = detail.pathInfo && detail.pathInfo.requestPath
    if (verb === 'get' && path) window.location.assign(path)
  })

  // Enter in a catalogue search box searches the catalogue instead of submitting the whole request.
  document.addEventListener('keydown', function (event) {
    var target = event.target
    if (event.key !== 'Enter' || !target || !target.hasAttribute || !target.hasAttribute('data-picker-search')) return
    event.preventDefault()
    htmx.trigger(target, 'search')
  })
})()
