// A form's error summary (GOV.UK style): it takes the focus when the page shows it, so that a screen reader reads
// the problems first; each of its links moves the focus to the field it is about, not only the view.
document.addEventListener('DOMContentLoaded', function () {
  var summary = document.getElementById('error-summary');
  if (!summary) {
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
