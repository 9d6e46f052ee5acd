// Search-as-you-type for the "repeats earlier cases" field. Without JavaScript the field takes
// references typed by hand; with it, a search box finds cases by reference or title words and adds
// the chosen reference to the field.
const container = document.getElementById('repeats-search');
const field = document.getElementById('repeats');

if (container && field && window.fetch) {
  const wrapper = document.createElement('div');
  wrapper.className = 'nhsuk-form-group';
  wrapper.innerHTML =
    '<label class="nhsuk-label" for="repeats-lookup">Find an earlier case</label>' +
    '<div class="nhsuk-hint" id="repeats-lookup-hint">Type words from its title or part of its reference</div>' +
    '<input class="nhsuk-input" id="repeats-lookup" type="search" autocomplete="off" aria-describedby="repeats-lookup-hint">' +
    '<p class="nhsuk-u-visually-hidden" role="status" aria-live="polite" id="repeats-lookup-status"></p>' +
    '<ul class="app-lookup__results" id="repeats-lookup-results"></ul>';
  container.appendChild(wrapper);
  const input = wrapper.querySelector('#repeats-lookup');
  const results = wrapper.querySelector('#repeats-lookup-results');
  const status = wrapper.querySelector('#repeats-lookup-status');
  let timer;
  let latest = 0;

  const refs = () => field.value.split(/[\s,;]+/).map((r) => r.trim().toUpperCase()).filter(Boolean);

  function show(items) {
    results.replaceChildren();
    for (const item of items) {
      const li = document.createElement('li');
      const button = document.createElement('button');
      button.type = 'button';
      button.className = 'nhsuk-button nhsuk-button--secondary nhsuk-button--small nhsuk-u-margin-bottom-0';
      button.textContent = refs().includes(item.ref) ? 'Added' : 'Add';
      button.disabled = refs().includes(item.ref);
      button.setAttribute('aria-label', `Add ${item.ref} ${item.title}`);
      button.addEventListener('click', () => {
        field.value = [...refs(), item.ref].join(', ');
        button.textContent = 'Added';
        button.disabled = true;
        status.textContent = `${item.ref} added to earlier cases this case repeats`;
        // The button is now disabled, which would drop focus to the page: back to the search box.
        input.focus();
      });
      const text = document.createElement('span');
      text.textContent = ` ${item.ref}: ${item.title} (${item.eventMonth})`;
      li.append(button, text);
      results.append(li);
    }
    status.textContent = items.length ? `${items.length} cases found` : 'No cases found';
  }

  async function lookUp(q) {
    const ticket = ++latest;
    const res = await fetch(`${container.dataset.lookup}?q=${encodeURIComponent(q)}`, { headers: { accept: 'application/json' }, credentials: 'same-origin' });
    if (!res.ok || ticket !== latest) return;
    show((await res.json()).items);
  }

  input.addEventListener('input', () => {
    clearTimeout(timer);
    const q = input.value.trim();
    if (q.length < 2) {
      results.replaceChildren();
      return;
    }
    timer = setTimeout(() => lookUp(q), 200);
  });

  // Enter in a search box means "search", not "submit the case form" (its default button saves it).
  input.addEventListener('keydown', (event) => {
    if (event.key !== 'Enter') return;
    event.preventDefault();
    clearTimeout(timer);
    const q = input.value.trim();
    if (q.length >= 2) lookUp(q);
  });
}
