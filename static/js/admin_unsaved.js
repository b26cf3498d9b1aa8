// Leaving a change form with unsaved changes (a click in the sidebar, a link, closing the
// tab) asks first. The form is compared with what it held once the page (and its editors and
// autocomplete widgets) had loaded; saving it is not leaving.
(() => {
  const form = document.querySelector("#content-main form[method='post'][id$='_form']");
  if (!form) return;
  const snapshot = () => {
    const parts = [];
    for (const [name, value] of new FormData(form)) {
      if (name === "csrfmiddlewaretoken") continue;
      parts.push([name, typeof value === "string" ? value : `${value.name}:${value.size}`]);
    }
    return JSON.stringify(parts);
  };
  let loaded = null;
  let saving = false;
  window.addEventListener("load", () => { loaded = snapshot(); });
  form.addEventListener("submit", () => { saving = true; });
  window.addEventListener("beforeunload", (event) => {
    if (saving || loaded === null || snapshot() === loaded) return;
    event.preventDefault();
    event.returnValue = "";
  });
  // The page came back from the back-forward cache: a new start.
  window.addEventListener("pageshow", (event) => {
    if (event.persisted) { saving = false; loaded = snapshot(); }
  });
})();
