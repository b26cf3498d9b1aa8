/* A chosen picture's own credit, caption and rights, offered before it is uploaded.

   As soon as a file is chosen for a still (the desk's upload form, the admin's still form
   and its pop-up), the desk is asked what the file's XMP, IPTC and EXIF say; each field
   left empty is filled and marked "from the file" for the editor to check (typing in it
   takes the mark away). Nothing is stored until the form is sent. Without this script the
   same fields are filled when the still is saved, and marked on its page. */
(function () {
  "use strict";
  var HEAD_BYTES = 512 * 1024;

  function markOf(field) {
    var next = field.nextElementSibling;
    return next && next.hasAttribute("data-from-file-mark") ? next : null;
  }

  function unmark(field) {
    var mark = markOf(field);
    if (mark) { mark.remove(); }
    field.removeAttribute("data-from-file");
  }

  function mark(field, source) {
    unmark(field);
    var note = document.createElement("span");
    note.className = "from-file";
    note.setAttribute("data-from-file-mark", "");
    note.textContent = "From the file (" + source + "): check it.";
    field.setAttribute("data-from-file", source);
    field.insertAdjacentElement("afterend", note);
  }

  function fill(scope, prefix, answer) {
    Object.keys(answer.fields || {}).forEach(function (name) {
      var field = scope.querySelector("[name=\"" + prefix + name + "\"]");
      if (!field) { return; }
      // A value the editor typed stays; one an earlier file filled gives way.
      if (field.value.trim() !== "" && !field.hasAttribute("data-from-file")) { return; }
      field.value = answer.fields[name];
      mark(field, (answer.sources || {})[name] || "file");
    });
  }

  function ask(input) {
    var form = input.form;
    var token = form && form.querySelector("[name=csrfmiddlewaretoken]");
    if (!input.files.length || !token) { return; }
    var scope = input.closest("[data-still], .desk-still") || form;
    var prefix = input.name.replace(/image$/, "");
    var file = input.files[0];
    // A JPEG's metadata (EXIF, XMP, IPTC) sits in its first segments, ahead of the picture:
    // its head is enough, and a 20 MB still is not sent twice. Other formats go whole
    // (WebP keeps its XMP after the picture).
    var part = file.type === "image/jpeg" ? file.slice(0, HEAD_BYTES, file.type) : file;
    var data = new FormData();
    data.append("image", part, file.name);
    fetch(input.getAttribute("data-metadata-url"), {
      method: "POST",
      body: data,
      headers: { "X-CSRFToken": token.value, "Accept": "application/json" },
      credentials: "same-origin",
    })
      .then(function (response) { return response.ok ? response.json() : {}; })
      .then(function (answer) { fill(scope, prefix, answer); })
      .catch(function () { /* the fields are filled on saving anyway */ });
  }

  document.addEventListener("change", function (event) {
    var input = event.target;
    if (input.matches && input.matches("input[type=file][data-metadata-url]")) { ask(input); }
  });
  document.addEventListener("input", function (event) {
    if (event.target.hasAttribute && event.target.hasAttribute("data-from-file")) {
      unmark(event.target);
    }
  });
})();
