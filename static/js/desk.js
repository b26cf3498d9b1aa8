/* The photo desk: drag-and-drop batch upload with a picture and a progress bar per still
   and, for a still that failed, its reason and a button to send it again alone (the focal
   point and crops are still_focal.js). No framework; without this file the
   pages work as plain forms. */
(function () {
  "use strict";

  var CONCURRENT_UPLOADS = 2;
  var COPIED_FIELDS = ["film", "rights_holder", "usage_expires", "credit_line"];

  function fieldName(input) {
    return input.name.replace(/^stills-(\d+|__prefix__)-/, "");
  }

  // The picture beside its caption before anything is sent: an object URL of the chosen
  // file, read by the browser alone (the CSP allows blob: images for it).
  function showThumbnail(card, file) {
    var thumb = card.querySelector("[data-thumb]");
    if (!thumb || !window.URL || !URL.createObjectURL) { return; }
    thumb.src = URL.createObjectURL(file);
    thumb.alt = "Preview of " + file.name;
    thumb.addEventListener("error", function () {
      thumb.alt = "No preview: this file is not a picture the browser can show.";
      thumb.classList.add("desk-still__thumb--none");
    });
  }

  function forgetThumbnail(card) {
    var thumb = card.querySelector("[data-thumb]");
    if (thumb && thumb.src.indexOf("blob:") === 0) { URL.revokeObjectURL(thumb.src); }
  }

  function setUpUpload(form) {
    var drop = form.querySelector("[data-drop]");
    var pick = form.querySelector("[data-pick]");
    var list = form.querySelector("[data-stills]");
    var template = form.querySelector("[data-still-template]");
    var batchError = form.querySelector("[data-batch-error]");
    var total = form.querySelector("input[name=stills-TOTAL_FORMS]");
    var csrf = form.querySelector("input[name=csrfmiddlewaretoken]").value;
    var counter = 0;

    // The plain rows are the fallback without script; with it, stills come from files.
    list.querySelectorAll("[data-static]").forEach(function (row) { row.remove(); });
    drop.hidden = false;

    function lastCard() {
      var cards = list.querySelectorAll("[data-still]");
      return cards.length ? cards[cards.length - 1] : null;
    }

    function addCard(file) {
      var previous = lastCard();
      var html = template.innerHTML.replace(/__prefix__/g, String(counter));
      counter += 1;
      var holder = document.createElement("div");
      holder.innerHTML = html;
      var card = holder.firstElementChild;
      card.querySelector("[data-name]").textContent = file.name;
      showThumbnail(card, file);
      var input = card.querySelector("input[type=file]");
      var transfer = new DataTransfer();
      transfer.items.add(file);
      input.files = transfer.files;
      if (previous) {
        COPIED_FIELDS.forEach(function (name) {
          var from = previous.querySelector("[name$='-" + name + "']");
          var to = card.querySelector("[name$='-" + name + "']");
          if (from && to) { to.value = from.value; }
        });
      }
      card.querySelector("[data-remove]").addEventListener("click", function () {
        forgetThumbnail(card);
        card.remove();
      });
      // A still that failed is sent again alone, with what its fields now say.
      var retry = card.querySelector("[data-retry]");
      retry.setAttribute("aria-label", "Upload " + file.name + " again");
      retry.addEventListener("click", function () {
        retry.disabled = true;
        send(card).then(function () { retry.disabled = false; });
      });
      list.appendChild(card);
      total.value = String(list.querySelectorAll("[data-still]").length);
      // Tells still_metadata.js a file was chosen, as choosing one by hand does.
      input.dispatchEvent(new Event("change", { bubbles: true }));
    }

    // A batch holds at most this many stills (the page states it); files past it are
    // named and left out, never dropped without a word.
    var batchLimit = parseInt(form.getAttribute("data-batch-limit"), 10) || Infinity;

    function addFiles(files) {
      var chosen = Array.prototype.slice.call(files);
      var waiting = list.querySelectorAll("[data-still]:not([data-saved])").length;
      var room = Math.max(batchLimit - waiting, 0);
      chosen.slice(0, room).forEach(addCard);
      var left = chosen.slice(room).map(function (file) { return file.name; });
      if (left.length) {
        batchError.textContent = "A batch holds at most " + batchLimit + " stills; not added: " +
          left.join(", ") + ". Upload them in another batch once these are sent.";
        batchError.hidden = false;
      } else {
        batchError.hidden = true;
      }
    }

    pick.addEventListener("change", function () { addFiles(pick.files); pick.value = ""; });
    ["dragenter", "dragover"].forEach(function (type) {
      drop.addEventListener(type, function (event) {
        event.preventDefault();
        drop.classList.add("desk-drop--over");
      });
    });
    ["dragleave", "drop"].forEach(function (type) {
      drop.addEventListener(type, function () { drop.classList.remove("desk-drop--over"); });
    });
    drop.addEventListener("drop", function (event) {
      event.preventDefault();
      addFiles(event.dataTransfer.files);
    });

    function clearErrors(card) {
      card.classList.remove("desk-still--failed");
      card.querySelectorAll("[data-field-error]").forEach(function (note) { note.remove(); });
      card.querySelectorAll(".is-invalid").forEach(function (input) {
        input.classList.remove("is-invalid");
      });
    }

    function showErrors(card, errors) {
      card.classList.add("desk-still--failed");
      errors.forEach(function (error) {
        var input = error.field && card.querySelector("[name$='-" + error.field + "']");
        if (!input) { return; }
        input.classList.add("is-invalid");
        var note = document.createElement("div");
        note.className = "invalid-feedback";
        note.setAttribute("data-field-error", "");
        note.textContent = error.message;
        input.insertAdjacentElement("afterend", note);
      });
      var status = card.querySelector("[data-status]");
      status.textContent = errors.map(function (error) {
        return error.label ? error.label + ": " + error.message : String(error.message || error);
      }).join(" ");
      status.className = "desk-status alert alert-danger";
      card.querySelector("[data-retry]").hidden = false;
    }

    function send(card) {
      return new Promise(function (resolve) {
        var data = new FormData();
        data.append("csrfmiddlewaretoken", csrf);
        data.append("stills-TOTAL_FORMS", "1");
        data.append("stills-INITIAL_FORMS", "0");
        card.querySelectorAll("input, select, textarea").forEach(function (input) {
          if (!input.name || input.name === "csrfmiddlewaretoken") { return; }
          var name = "stills-0-" + fieldName(input);
          if (input.type === "file") {
            if (input.files.length) { data.append(name, input.files[0]); }
          } else if (input.type !== "checkbox" || input.checked) {
            data.append(name, input.value);
          }
        });
        var progress = card.querySelector("[data-progress]");
        var status = card.querySelector("[data-status]");
        clearErrors(card);
        card.querySelector("[data-retry]").hidden = true;
        status.className = "desk-status";
        status.textContent = "Uploading…";
        var request = new XMLHttpRequest();
        request.open("POST", form.action);
        request.setRequestHeader("Accept", "application/json");
        request.upload.addEventListener("progress", function (event) {
          if (event.lengthComputable) {
            progress.value = Math.round((100 * event.loaded) / event.total);
          }
        });
        request.addEventListener("load", function () {
          var body = null;
          try { body = JSON.parse(request.responseText); } catch (ignored) { body = null; }
          if (request.status === 201 && body && body.saved.length) {
            var photo = body.saved[0];
            progress.value = 100;
            card.classList.add("desk-still--saved");
            card.setAttribute("data-saved", "");
            status.className = "desk-status alert alert-success";
            status.innerHTML = "";
            var link = document.createElement("a");
            link.href = photo.edit_url;
            link.textContent = "Saved: " + photo.caption;
            status.appendChild(link);
            card.querySelectorAll("input, select, textarea, button").forEach(
              function (input) { input.disabled = true; }
            );
          } else if (body && body.failed && body.failed.length) {
            showErrors(card, body.failed[0].errors);
          } else {
            showErrors(card, [{
              message: "The server could not take this still (" + request.status + "); " +
                "nothing of it was saved. Upload it again."
            }]);
          }
          resolve();
        });
        request.addEventListener("error", function () {
          showErrors(card, [{ message: "The connection failed; upload this still again." }]);
          resolve();
        });
        request.send(data);
      });
    }

    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var waiting = Array.prototype.slice.call(list.querySelectorAll("[data-still]:not([data-saved])"));
      if (!waiting.length) {
        batchError.textContent = "Choose or drop pictures first.";
        batchError.hidden = false;
        return;
      }
      var button = form.querySelector("button[type=submit]");
      button.disabled = true;
      function next() {
        var card = waiting.shift();
        return card ? send(card).then(next) : Promise.resolve();
      }
      var workers = [];
      for (var i = 0; i < CONCURRENT_UPLOADS; i += 1) { workers.push(next()); }
      Promise.all(workers).then(function () { button.disabled = false; });
    });
  }

  document.querySelectorAll("[data-upload]").forEach(setUpUpload);
  document.querySelectorAll(".desk-delete").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      if (!window.confirm("Delete this still, its renditions and its files?")) {
        event.preventDefault();
      }
    });
  });
})();
