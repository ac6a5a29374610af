/* global document, HTMLScriptElement */
// GOV.UK Frontend's first script, served as a file so that the page needs no inline script.
document.body.className +=
  ' js-enabled' + ('noModule' in HTMLScriptElement.prototype ? ' govuk-frontend-supported' : '');
