// A form is sent once per page: a second click while the node is still answering sends nothing. A change made from a
// page can take seconds (a chain transaction), and a second click sent it again: the node refused the repeat, and
// staff read that refusal instead of the change's result. A form a script sends itself (the upload) is left to it.
(function () {
    'use strict';
    document.addEventListener('submit', function (event) {
        var form = event.target;
        if (event.defaultPrevented) {
            return;
        }
        if (form.dataset.sent) {
            event.preventDefault();
            return;
        }
        form.dataset.sent = 'true';
    });
    // a page shown again from the browser's history is not being answered any more
    window.addEventListener('pageshow', function (event) {
        if (event.persisted) {
            document.querySelectorAll('form[data-sent]').forEach(function (form) {
                delete form.dataset.sent;
            });
        }
    });
}());
