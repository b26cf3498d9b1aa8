// The review's page keeps what is typed on the server every few seconds (apart from the saved
// review; offered back on the next open) and says who else has the review open.
(() => {
  const desk = document.getElementById("desk");
  if (!desk) return;
  const form = document.getElementById("review_form");
  const tokenField = document.querySelector("[name=csrfmiddlewaretoken]");
  const token = () => (tokenField ? tokenField.value : "");
  const post = (url, fields) => {
    const data = new FormData();
    data.append("csrfmiddlewaretoken", token());
    for (const [name, value] of Object.entries(fields)) data.append(name, value);
    return fetch(url, {
      method: "POST", body: data, credentials: "same-origin",
      headers: { Accept: "application/json" },
    });
  };

  // Presence: say every few seconds that this page is open; show who else has it open.
  const presence = document.getElementById("presence");
  const showPresence = (others) => {
    const list = presence.querySelector("ul");
    list.replaceChildren(...others.map((other) => {
      const item = document.createElement("li");
      const who = document.createElement("strong");
      who.textContent = other.who;
      item.append(who, ` has this review open, since ${other.since}.`);
      return item;
    }));
    presence.hidden = others.length === 0;
  };
  const beat = () => post(desk.dataset.presenceUrl, {})
    .then((response) => (response.ok ? response.json() : null))
    .then((data) => { if (data) showPresence(data.others); })
    .catch(() => {});
  window.setInterval(beat, Number(desk.dataset.presenceEvery || 15000));
  window.addEventListener("pagehide", () => {
    const data = new FormData();
    data.append("csrfmiddlewaretoken", token());
    navigator.sendBeacon(desk.dataset.leaveUrl, data);
  });

  // Autosave: the headline, dek and body, whenever they changed since the last keep.
  const url = desk.dataset.autosaveUrl;
  if (!form || !url) return;
  const status = document.getElementById("autosave-status");
  const value = (name) => (form.elements[name] ? form.elements[name].value : "");
  const fields = () => ({
    loaded_version: value("loaded_version"), headline: value("headline"),
    dek: value("dek"), body: value("body"),
  });
  let kept = null;
  window.addEventListener("load", () => { kept = JSON.stringify(fields()); });
  const keep = () => {
    if (kept === null) return;
    const now = fields();
    const key = JSON.stringify(now);
    if (key === kept) return;
    kept = key;
    post(url, now).then(async (response) => {
      const data = await response.json();
      if (!response.ok) { status.textContent = data.error; return; }
      status.textContent = `Unsaved changes kept on the server at ${data.saved_at}; ` +
        "save to make them the review's.";
      if (data.newer_save) {
        status.textContent += " Someone saved this review after you opened it: your save " +
          "will show both versions.";
      }
    }).catch(() => {
      kept = null;
      status.textContent = "Could not keep your changes on the server just now; they are " +
        "still in the form.";
      window.setTimeout(() => { kept = ""; }, 1000);
    });
  };
  const timer = window.setInterval(keep, Number(desk.dataset.autosaveEvery || 3000));
  form.addEventListener("submit", () => window.clearInterval(timer));
})();
