// Enhancements only: every feature works without this file. Its words come from
// the page's data- attributes, so they are translated with the page.
(function () {
  "use strict";

  function replaceFrom(html, ids) {
    var page = new DOMParser().parseFromString(html, "text/html");
    ids.forEach(function (id) {
      var fresh = page.getElementById(id);
      var current = document.getElementById(id);
      if (fresh && current) {
        current.replaceWith(fresh);
      }
    });
  }

  function say(status, key) {
    if (status && status.dataset[key]) {
      status.textContent = status.dataset[key];
    }
  }

  function submitQuietly(form, ids, status) {
    say(status, "saving");
    return fetch(form.action, {
      method: "POST",
      body: new FormData(form),
      credentials: "same-origin",
      headers: { "X-Requested-With": "fetch" },
    }).then(function (response) {
      if (!response.ok) {
        throw new Error("Saving failed");
      }
      return response.text();
    }).then(function (html) {
      replaceFrom(html, ids);
      say(status, "saved");
    }).catch(function () {
      form.submit();
    });
  }

  // Send a form whenever it changes, one request at a time: each sends the form
  // as it is when it goes, so an older reply can never undo a newer choice.
  function submitOnChange(form, ids) {
    var queue = Promise.resolve();
    var status = form.querySelector("[data-save-status]");
    form.addEventListener("change", function () {
      queue = queue.then(function () {
        return submitQuietly(form, ids, status);
      });
    });
  }

  // Switch the email's reason or kind and see the draft change at once.
  document.querySelectorAll("form[data-live-email]").forEach(function (form) {
    submitOnChange(form, ["email-draft"]);
  });

  // Save checklist ticks as they happen, saying so.
  document.querySelectorAll("form[data-live-checklist]").forEach(function (form) {
    submitOnChange(form, ["checklist-progress"]);
  });

  // Copy one element's text (the email's subject, or its message) to the clipboard.
  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-copy]");
    if (!button) {
      return;
    }
    var text = document.getElementById(button.dataset.copy).textContent;
    var status = document.querySelector("[data-copy-status]");
    var label = button.dataset.label || button.textContent;
    button.dataset.label = label;
    navigator.clipboard.writeText(text).then(function () {
      button.textContent = button.dataset.copied;
      if (status) {
        status.textContent = button.dataset.copiedStatus;
      }
      window.setTimeout(function () { button.textContent = label; }, 3000);
    }, function () {
      if (status) {
        status.textContent = button.dataset.failedStatus;
      }
    });
  });

  // Focus the error summary, as GOV.UK's script does: the autofocus attribute
  // alone is not always honoured. Its links focus their field without adding
  // it to the address, so sending the form again can't move focus to it.
  var summary = document.querySelector(".error-summary");
  if (summary) {
    summary.focus();
    summary.addEventListener("click", function (event) {
      var link = event.target.closest("a[href^='#']");
      var field = link && document.getElementById(link.hash.slice(1));
      if (field) {
        event.preventDefault();
        field.focus();
        (field.closest("fieldset, .mb-4") || field).scrollIntoView();
      }
    });
  }

  // Move focus to the share link so it can be copied straight away.
  var shareUrl = document.getElementById("share-url");
  if (shareUrl && window.location.hash === "#share") {
    shareUrl.select();
  }

  // Only now that the enhancements are wired up, hide the no-JavaScript controls.
  document.documentElement.classList.add("js");
})();
