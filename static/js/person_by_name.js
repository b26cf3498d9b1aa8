// A credit's person: after the people the autocomplete finds, it offers to add the name typed
// as a new person, in the row (no pop-up window). The choice posts "new:<name>"; the form
// makes the person when the film is saved. Runs after Django's autocomplete.js has set the
// widgets up (this file may come before it: the admin merges its scripts' order), and again
// for each row "Add another" makes.
document.addEventListener("DOMContentLoaded", () => {
  const $ = window.django && window.django.jQuery;
  if (!$ || !$.fn.select2) return;

  const enhance = (element) => {
    const prefix = element.dataset.newPerson;
    const $element = $(element);
    if ($element.data("select2")) $element.select2("destroy");
    $element.select2({
      ajax: {
        data: (params) => ({
          term: params.term,
          page: params.page,
          app_label: element.dataset.appLabel,
          model_name: element.dataset.modelName,
          field_name: element.dataset.fieldName,
        }),
      },
      tags: true,
      createTag: (params) => {
        const name = params.term.trim().replace(/\s+/g, " ");
        if (!name) return null;
        return { id: prefix + name, text: `Add “${name}” as a new person`, newPerson: name };
      },
      // The people found come first; the offer to add one comes last.
      insertTag: (data, tag) => { data.push(tag); },
      templateSelection: (item) => (item.newPerson ? `${item.newPerson} (new)` : item.text),
    });
  };

  const run = (root) => {
    root.querySelectorAll("select[data-new-person]").forEach((element) => {
      if (!element.name.includes("__prefix__")) enhance(element);
    });
  };
  // A ready handler added now runs after autocomplete.js's own.
  $(() => run(document));
  document.addEventListener("formset:added", (event) => run(event.target));
});
