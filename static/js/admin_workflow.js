// The review's workflow buttons (submit, publish, preview links...) are forms of their own,
// and "Place stills by picture" another page: using one leaves the change form, and
// whatever was typed in it and not saved would be lost.
// So while the change form differs from what was loaded, or holds a save that was refused
// (an edit conflict, a field error), they ask to save first instead.
(() => {
  const form = document.getElementById("review_form");
  const panel = document.getElementById("workflow");
  if (!form || !panel) return;

  const refused = form.querySelector(".errornote") !== null;
  const snapshot = () => new URLSearchParams(new FormData(form)).toString();
  let loaded = null;
  // After the rich-text editor and the autocomplete widgets have set up their fields.
  window.addEventListener("load", () => { loaded = snapshot(); });

  const unsaved = () => refused || (loaded !== null && snapshot() !== loaded);
  const askToSave = (what) => {
    let notice = panel.querySelector(".workflow-unsaved");
    if (!notice) {
      notice = document.createElement("p");
      notice.className = "errornote workflow-unsaved";
      notice.setAttribute("role", "alert");
      panel.querySelector("h2").after(notice);
    }
    notice.textContent = "Your changes to this review are not saved yet. Save them first " +
      "(“Save and continue editing” below) or reload the review to drop them, then use " +
      `${what}.`;
    notice.scrollIntoView({ block: "center" });
  };

  panel.addEventListener("submit", (event) => {
    if (!unsaved()) return;
    event.preventDefault();
    askToSave("this button");
  });
  // Links that leave the form for another page of the review (placing its stills).
  document.querySelectorAll("[data-leaves-form]").forEach((link) => {
    link.addEventListener("click", (event) => {
      if (!unsaved()) return;
      event.preventDefault();
      askToSave(`“${link.textContent.trim()}”`);
    });
  });
})();
