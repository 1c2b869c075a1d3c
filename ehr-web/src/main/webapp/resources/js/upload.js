// Streams the chosen document to the REST API as the request body (no multipart form: nothing is buffered or
// written to a temporary file on the way), signed in by the page's session and its anti-forgery token, and shows
// the progress while it goes. Texts come from the page (data-* attributes, from the pages' resource bundle).
(function () {
    'use strict';
    var form = document.getElementById('upload');
    if (!form) {
        return;
    }
    var fileInput = document.getElementById('file');
    var progress = document.getElementById('progress');
    var result = document.getElementById('upload-result');
    var dropZone = document.getElementById('drop-zone');
    var token = document.querySelector('meta[name="csrf-token"]');
    var submit = document.getElementById('submit');
    var dropped = null;

    function say(text) {
        result.textContent = text;
    }

    dropZone.addEventListener('dragover', function (event) {
        event.preventDefault();
        dropZone.classList.add('dragging');
    });
    dropZone.addEventListener('dragleave', function () {
        dropZone.classList.remove('dragging');
    });
    dropZone.addEventListener('drop', function (event) {
        event.preventDefault();
        dropZone.classList.remove('dragging');
        if (event.dataTransfer.files.length > 0) {
            dropped = event.dataTransfer.files[0];
            say(dropped.name);
        }
    });
    fileInput.addEventListener('change', function () {
        dropped = null;
    });

    form.addEventListener('submit', function (event) {
        event.preventDefault();
        var file = dropped || fileInput.files[0];
        var title = document.getElementById('title').value.trim();
        var category = document.getElementById('category').value;
        if (!file || !title || !category) {
            say(form.dataset.choose);
            return;
        }
        // the title travels in a header: a URL is kept by proxies' logs and the browser's history
        var url = form.dataset.api + '?' + new URLSearchParams({
            category: category
        });
        var request = new XMLHttpRequest();
        submit.disabled = true;
        request.addEventListener('loadend', function () {
            submit.disabled = false;
        });
        request.open('POST', url);
        request.setRequestHeader('Content-Type', file.type || 'application/octet-stream');
        request.setRequestHeader('Custodia-Record-Title', encodeURIComponent(title));
        request.setRequestHeader('X-CSRF-Token', token ? token.content : '');
        request.upload.addEventListener('progress', function (progressEvent) {
            if (progressEvent.lengthComputable) {
                var percent = Math.floor(100 * progressEvent.loaded / progressEvent.total);
                progress.value = percent;
                progress.textContent = percent + ' %';
            }
        });
        request.addEventListener('load', function () {
            if (request.status === 201) {
                progress.value = 100;
                say(form.dataset.done);
            } else if (request.status === 401) {
                say(form.dataset.expired);
            } else {
                var detail = '';
                try {
                    detail = JSON.parse(request.responseText).detail || '';
                } catch (ignored) {
                    detail = 'HTTP ' + request.status + '.';
                }
                var retryAfter = request.getResponseHeader('Retry-After');
                if (request.status === 413) {
                    // its detail names the setting, for operators
                    say(form.dataset.tooLarge);
                } else if (request.status === 507) {
                    // the file store full or not writable: its detail names paths and settings, for operators
                    say(form.dataset.full);
                } else if (request.status === 503 && retryAfter && /^[0-9]+$/.test(retryAfter)) {
                    // busy (the file store's writes): its detail names the setting
                    say(form.dataset.busy.replace('{0}', retryAfter));
                } else if (request.status === 503 && detail.indexOf('reference') < 0) {
                    // a dependency the node cannot reach, in words for operators (a database outage's answer,
                    // written for anyone with a log reference, is shown as it is)
                    say(form.dataset.unavailable);
                } else {
                    // the service's refusals of a document say so themselves
                    say(form.dataset.failed.replace('{0}', /nothing was stored/i.test(detail) ? detail
                        : detail + ' ' + form.dataset.unstored));
                }
            }
        });
        request.addEventListener('error', function () {
            // the answer was lost, not necessarily the record
            say(form.dataset.lost);
        });
        progress.value = 0;
        say(form.dataset.sending.replace('{0}', file.name));
        request.send(file);
    });
}());
