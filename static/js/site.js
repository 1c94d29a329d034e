// Enhancements only: every feature works without this file.
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

  function submitQuietly(form, ids) {
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
    }).catch(function () {
      form.submit();
    });
  }

  // Send a form whenever it changes, one request at a time: each sends the form
  // as it is when it goes, so an older reply can never undo a newer choice.
  function submitOnChange(form, ids) {
    var queue = Promise.resolve();
    form.addEventListener("change", function () {
      queue = queue.then(function () {
        return submitQuietly(form, ids);
      });
    });
  }

  // Switch the email's reason or kind and see the draft change at once.
  document.querySelectorAll("form[data-live-email]").forEach(function (form) {
    submitOnChange(form, ["email-draft"]);
  });

  // Save checklist ticks as they happen.
  document.querySelectorAll("form[data-live-checklist]").forEach(function (form) {
    submitOnChange(form, ["checklist-progress"]);
  });

  // Copy the email's subject and body to the clipboard.
  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-copy-email]");
    if (!button) {
      return;
    }
    var subject = document.getElementById("email-subject").textContent;
    var body = document.getElementById("email-body").textContent;
    var status = document.querySelector("[data-copy-status]");
    navigator.clipboard.writeText("Subject: " + subject + "\n\n" + body).then(function () {
      button.textContent = "Copied";
      if (status) {
        status.textContent = "Email copied to the clipboard.";
      }
      window.setTimeout(function () { button.textContent = "Copy email"; }, 3000);
    }, function () {
      if (status) {
        status.textContent = "Copying failed: select the text and copy it instead.";
      }
    });
  });

  // Move focus to the share link so it can be copied straight away.
  var shareUrl = document.getElementById("share-url");
  if (shareUrl && window.location.hash === "#share") {
    shareUrl.select();
  }

  // Only now that the enhancements are wired up, hide the no-JavaScript controls.
  document.documentElement.classList.add("js");
})();
