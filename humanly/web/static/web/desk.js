// The desk's own script, kept small: everything else is HTML and htmx.
// A button with data-confirm asks before its form is sent.
document.addEventListener("click", (event) => {
  const button = event.target.closest("[data-confirm]");
  if (button && !window.confirm(button.dataset.confirm)) {
    event.preventDefault();
  }
});

// A form marked data-autosubmit is sent as soon as one of its selects changes (the status, the assignee).
// Its own button does the same by hand where scripts do not run.
document.addEventListener("change", (event) => {
  const form = event.target.closest("form[data-autosubmit]");
  if (form && event.target.matches("select")) {
    form.requestSubmit();
  }
});

// A suggested wording replaces what it rewords in the reply box: the span it was found at, or (if the
// agent has typed since) the first place the same words stand; data-original="*" replaces the whole reply.
// The box then says it changed, so the tone guard reads it again.
document.addEventListener("click", (event) => {
  const button = event.target.closest("[data-reword]");
  const box = document.getElementById("reply-text");
  if (!button || !box) {
    return;
  }
  const { original, reword } = button.dataset;
  const start = Number(button.dataset.start);
  if (original === "*") {
    box.value = reword;
  } else {
    const at = box.value.slice(start, start + original.length) === original ? start : box.value.indexOf(original);
    if (at < 0) {
      return;
    }
    box.value = box.value.slice(0, at) + reword + box.value.slice(at + original.length);
  }
  box.dispatchEvent(new Event("input", { bubbles: true }));
  box.focus();
});

// A draft's notes (its sources and what is left to answer) belong to that draft: once the agent clears
// the reply box they go too.
document.addEventListener("input", (event) => {
  if (event.target.id !== "reply-text" || event.target.value.trim() !== "") {
    return;
  }
  for (const notes of document.querySelectorAll("#editor .draft-notes")) {
    notes.hidden = true;
  }
});
