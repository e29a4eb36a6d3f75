// What a page has to tell first takes the focus when the page shows it, so that a screen reader reads it first: a
// form's error summary (GOV.UK style), or else the message that says what the action just done did. Each link of the
// summary moves the focus to the field it is about, not only the view.
document.addEventListener('DOMContentLoaded', function () {
  var summary = document.getElementById('error-summary');
  if (!summary) {
    var message = document.getElementById('message');
    if (message && message.hasAttribute('tabindex')) {
      message.focus();
    }
    return;
  }
  summary.focus();
  summary.addEventListener('click', function (event) {
    var link = event.target.closest('a[href^="#"]');
    var field = link && document.getElementById(link.getAttribute('href').substring(1));
    if (field) {
      event.preventDefault();
      field.focus();
      field.scrollIntoView({block: 'center'});
    }
  });
});
