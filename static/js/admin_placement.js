// Placing a review's stills by picture (admin/reviews/review/placement.html): each still is
// moved up or down past a paragraph or another still with its buttons (the keyboard's way,
// and no dragging needed), dragged with the mouse, or given a place from its list. Each
// move writes the still's place ("after paragraph N") and order into the form; Save
// placement sends them. Without this file the lists alone place the stills.
(() => {
  const form = document.querySelector("[data-placement]");
  if (!form) return;
  const layout = form.querySelector("[data-layout]");
  const announce = form.querySelector("[data-announce]");
  const stills = () => Array.from(layout.querySelectorAll("[data-still]"));

  // Each still's place is the number of paragraphs above it, its order its rank among the
  // stills after the same paragraph.
  function write() {
    let paragraph = 0;
    let order = 0;
    Array.from(layout.children).forEach((row) => {
      if (row.hasAttribute("data-paragraph")) {
        paragraph = Number(row.getAttribute("data-paragraph"));
        order = 0;
        return;
      }
      row.querySelector("[data-after]").value = String(paragraph);
      row.querySelector("[data-order]").value = String(order);
      order += 1;
    });
    stills().forEach((row) => {
      row.querySelector("[data-move=up]").disabled = row.previousElementSibling === null;
      row.querySelector("[data-move=down]").disabled = row.nextElementSibling === null;
    });
    markLead();
  }

  // A review without a lead photo of its own is led by its first still in the body (one
  // whose rights allow it): the note follows whichever still is first now.
  const firstLeads = layout.hasAttribute("data-first-leads");
  let leadNote = layout.querySelector("[data-lead-note]");
  function markLead() {
    if (!firstLeads) return;
    const first = stills().find((row) => !row.hasAttribute("data-expired"));
    if (!first) return;
    if (!leadNote) {
      leadNote = document.createElement("p");
      leadNote.className = "placement-note";
      leadNote.setAttribute("data-lead-note", "");
      leadNote.textContent = "Leads the review: shown above it, not here in the body.";
    }
    first.querySelector(".placement-caption").after(leadNote);
  }

  function say(row) {
    const select = row.querySelector("[data-after]");
    const place = select.options[select.selectedIndex].text;
    announce.textContent = `“${row.getAttribute("data-caption")}”: ${place}.`;
  }

  function move(row, direction) {
    if (direction === "up" && row.previousElementSibling) {
      row.previousElementSibling.before(row);
    } else if (direction === "down" && row.nextElementSibling) {
      row.nextElementSibling.after(row);
    }
    write();
    say(row);
  }

  stills().forEach((row) => {
    row.querySelector("[data-moves]").hidden = false;
    row.setAttribute("draggable", "true");
    row.querySelectorAll("[data-move]").forEach((button) => {
      button.addEventListener("click", () => {
        move(row, button.getAttribute("data-move"));
        // The button moved with its still; keep it in hand, or the next step if it is now
        // at an end.
        const target = button.disabled ? row.querySelector("[data-move]:not(:disabled)") : button;
        if (target) target.focus();
      });
    });
    // A place chosen from the list: the still goes last after that paragraph.
    row.querySelector("[data-after]").addEventListener("change", (event) => {
      const wanted = Number(event.target.value);
      const rows = Array.from(layout.children);
      const paragraph = rows.find((r) => Number(r.getAttribute("data-paragraph")) === wanted);
      let next = paragraph ? paragraph.nextElementSibling : rows[0];
      while (next && next.hasAttribute("data-still")) next = next.nextElementSibling;
      if (next) next.before(row); else layout.append(row);
      write();
      say(row);
    });
  });

  // Dragging: the still goes before or after the row it is dropped on, by which half.
  let dragged = null;
  layout.addEventListener("dragstart", (event) => {
    dragged = event.target.closest("[data-still]");
    if (!dragged) return;
    dragged.classList.add("placement-still--dragged");
    event.dataTransfer.effectAllowed = "move";
    event.dataTransfer.setData("text/plain", dragged.getAttribute("data-caption"));
  });
  layout.addEventListener("dragover", (event) => {
    if (dragged) event.preventDefault();
  });
  layout.addEventListener("drop", (event) => {
    const target = event.target.closest("[data-layout] > li");
    if (!dragged || !target || target === dragged) return;
    event.preventDefault();
    const box = target.getBoundingClientRect();
    if (event.clientY < box.top + box.height / 2) target.before(dragged); else target.after(dragged);
    write();
    say(dragged);
  });
  layout.addEventListener("dragend", () => {
    if (dragged) dragged.classList.remove("placement-still--dragged");
    dragged = null;
  });

  form.addEventListener("submit", write);
  write();
})();
