// Live countdowns to the legal due times (the server renders the same text; this keeps it current) and
// confirmation of irreversible actions. No inline script anywhere: the Content-Security-Policy forbids it.
function remaining(due, now) {
  const ms = due - now;
  const mins = Math.round(Math.abs(ms) / 60000);
  const h = Math.floor(mins / 60);
  const m = mins % 60;
  const span = h > 0 ? `${h} giờ${m > 0 ? ` ${m} phút` : ''}` : `${m} phút`;
  return ms >= 0 ? `còn ${span}` : `quá hạn ${span}`;
}

function tick() {
  const now = Date.now();
  for (const el of document.querySelectorAll('.countdown[data-due]')) {
    const due = Date.parse(el.getAttribute('data-due'));
    if (Number.isNaN(due)) continue;
    el.textContent = remaining(due, now);
    el.parentNode?.classList?.toggle('overdue', due < now);
  }
}

document.addEventListener('DOMContentLoaded', () => {
  tick();
  setInterval(tick, 15000);
  for (const form of document.querySelectorAll('form[data-confirm]'))
    form.addEventListener('submit', (e) => {
      if (!window.confirm(form.getAttribute('data-confirm'))) e.preventDefault();
    });
});
