// The class board's page: one view per screen, new answers every few seconds, no reload and no flicker.
// Participants' texts are hostile: they are only ever written with textContent (never innerHTML).
(() => {
  "use strict";
  const config = JSON.parse(document.getElementById("kelas-config").textContent);
  const W = config.words;
  const $ = (id) => document.getElementById(id);
  const categorised = new Set(config.categorised || []);
  const choices = config.categories || [];
  const labels = Object.fromEntries(choices.map((choice) => [choice.id, choice.label]));
  const state = { views: [], current: null, drawn: "", menu: "", categories: {}, timer: null, busy: false };

  const fill = (template, values) =>
    String(template).replace(/\{(\w+)\}/g, (whole, name) => (name in values ? String(values[name]) : whole));

  function element(tag, className, text) {
    const made = document.createElement(tag);
    if (className) made.className = className;
    if (text !== undefined && text !== null) made.textContent = String(text);
    return made;
  }

  // a category's label on a card's button: its first words (the full label is the button's title and the group's)
  function short(label) {
    const text = String(label).split(" (")[0];
    if (text.length <= 24) return text;
    const cut = text.slice(0, 24);
    return cut.slice(0, Math.max(cut.lastIndexOf(" "), 12)).replace(/[\s,;:.-]+$/, "") + "\u2026";
  }

  function shown(value) {
    if (value === null || value === undefined) return "";
    if (typeof value === "object") return JSON.stringify(value);
    return String(value);
  }

  function message(text) {
    $("kelas-message").textContent = text;
    $("kelas-message").hidden = !text;
  }

  // --- which view ---------------------------------------------------------------------------------------------
  function index() {
    return Math.max(0, state.views.findIndex((view) => view.id === state.current));
  }

  function go(position) {
    if (!state.views.length) return;
    const count = state.views.length;
    const next = state.views[((position % count) + count) % count];
    if (next.id === state.current) return;
    state.current = next.id;
    history.replaceState(null, "", "#" + encodeURIComponent(next.id));
    $("kelas-menu").value = next.id;
    draw(true);
    $("kelas-main").scrollTop = 0;
  }

  function buildMenu() {
    const signature = JSON.stringify(state.views.map((view) => [view.id, view.title]));
    if (signature === state.menu) return;
    state.menu = signature;
    const options = state.views.map((view, position) => {
      const option = element("option", "", `${position + 1}. ${shown(view.title)}`);
      option.value = view.id;
      return option;
    });
    $("kelas-menu").replaceChildren(...options);
    $("kelas-menu").value = state.current || "";
  }

  // --- drawing ------------------------------------------------------------------------------------------------
  function drawFigure(figure, withCards) {
    const target = $("kelas-figure");
    if (!figure || typeof figure !== "object" || typeof Plotly === "undefined") {
      if (target.classList.contains("js-plotly-plot") && typeof Plotly !== "undefined") Plotly.purge(target);
      target.hidden = true;
      return;
    }
    target.hidden = false;
    target.classList.toggle("kelas-figure-short", withCards);
    const layout = Object.assign({}, figure.layout || {});
    delete layout.width;  // the page's width; a height the view asks for is kept (its labels are laid out for it)
    target.style.height = Number(layout.height) > 0 ? `${Number(layout.height)}px` : "";
    layout.autosize = true;
    layout.font = Object.assign({ size: 18 }, layout.font || {});
    Plotly.react(target, Array.isArray(figure.data) ? figure.data : [], layout,
      { displayModeBar: false, responsive: true });
  }

  function categoryButtons(card) {
    const box = element("div", "kelas-card-categories");
    box.setAttribute("role", "group");
    box.setAttribute("aria-label", W.kelas_category);
    for (const choice of choices) {
      const pressed = state.categories[card.key] === choice.id;
      const button = element("button", "kelas-category", short(choice.label));
      button.type = "button";
      button.title = choice.label;
      button.setAttribute("aria-label", `${W.kelas_category}: ${choice.label}`);
      button.dataset.category = choice.id;
      button.setAttribute("aria-pressed", String(pressed));
      button.addEventListener("click", () => categorise(card.key, pressed ? null : choice.id));
      box.append(button);
    }
    return box;
  }

  function drawCards(cards, withButtons) {
    const target = $("kelas-cards");
    if (!Array.isArray(cards)) {
      target.replaceChildren();
      target.hidden = true;
      return;
    }
    target.hidden = false;
    if (!cards.length) {
      target.replaceChildren(element("p", "kelas-empty", W.kelas_no_answers));
      return;
    }
    const groups = new Map();
    for (const card of cards) {
      const group = shown(card && card.group);
      if (!groups.has(group)) groups.set(group, []);
      groups.get(group).push(card || {});
    }
    const sections = [];
    for (const [group, members] of groups) {
      const section = element("section", "kelas-group");
      if (group) section.append(element("h3", "kelas-group-title", `${labels[group] || group} (${members.length})`));
      const grid = element("div", "kelas-card-grid");
      for (const card of members) {
        const box = element("article", "kelas-card");
        if (card.key) box.dataset.key = shown(card.key);
        box.append(element("p", "kelas-card-who", shown(card.who)));
        box.append(element("p", "kelas-card-text", shown(card.text)));
        if (withButtons && card.key) box.append(categoryButtons(card));
        grid.append(box);
      }
      section.append(grid);
      sections.push(section);
    }
    target.replaceChildren(...sections);
  }

  function drawTable(rows) {
    const target = $("kelas-table");
    if (!Array.isArray(rows) || !rows.length) {
      target.replaceChildren();
      target.hidden = true;
      return;
    }
    target.hidden = false;
    const columns = [];
    for (const row of rows) {
      for (const column of Object.keys(row || {})) if (!columns.includes(column)) columns.push(column);
    }
    const table = element("table", "kelas-table");
    const head = element("tr");
    for (const column of columns) {
      const cell = element("th", "", column);
      cell.scope = "col";
      head.append(cell);
    }
    const body = element("tbody");
    for (const row of rows) {
      const line = element("tr");
      for (const column of columns) line.append(element("td", "", shown((row || {})[column])));
      body.append(line);
    }
    table.append(element("thead"), body);
    table.tHead.append(head);
    target.replaceChildren(table);
  }

  function draw(force) {
    const view = state.views[index()];
    if (!view) {
      $("kelas-view").hidden = true;
      $("kelas-count").textContent = "";
      message(W.kelas_no_views);
      return;
    }
    const withButtons = categorised.has(view.id) && choices.length > 0;
    const signature = JSON.stringify([view, withButtons ? state.categories : null]);
    if (!force && signature === state.drawn) return;
    state.drawn = signature;
    $("kelas-view").hidden = false;
    $("kelas-view").dataset.view = view.id;
    $("kelas-view-title").textContent = shown(view.title);
    $("kelas-view-note").textContent = shown(view.note);
    $("kelas-view-note").hidden = !view.note;
    $("kelas-count").textContent = fill(W.kelas_answered, { answered: view.answered, total: view.total });
    $("kelas-previous").title = $("kelas-next").title = fill(W.kelas_view_of,
      { number: index() + 1, count: state.views.length });
    const cards = Array.isArray(view.cards) && view.cards.length > 0;
    drawFigure(view.figure, cards || (Array.isArray(view.table) && view.table.length > 0));
    drawCards(view.cards, withButtons);
    drawTable(view.table);
  }

  // --- data ---------------------------------------------------------------------------------------------------
  function apply(data) {
    state.views = Array.isArray(data.views) ? data.views.filter((view) => view && typeof view.id === "string") : [];
    state.categories = data.categories && typeof data.categories === "object" ? data.categories : {};
    if (!state.views.some((view) => view.id === state.current)) {
      const wanted = decodeURIComponent(location.hash.slice(1));
      state.current = (state.views.find((view) => view.id === wanted) || state.views[0] || {}).id || null;
    }
    buildMenu();
    $("kelas-stamp").textContent = fill(W.kelas_updated, { time: shown(data.updated) });
    document.body.dataset.updated = shown(data.updated);
    draw(false);
  }

  async function refresh() {
    clearTimeout(state.timer);
    if (state.busy) return;
    state.busy = true;
    try {
      const reply = await fetch(config.api, { credentials: "same-origin", headers: { Accept: "application/json" } });
      if (!reply.ok) throw new Error(String(reply.status));
      apply(await reply.json());
      message("");
    } catch (error) {
      message(fill(W.kelas_error, { seconds: Math.round(config.refresh / 1000) }));
    } finally {
      state.busy = false;
      state.timer = setTimeout(refresh, config.refresh);
    }
  }

  async function categorise(key, category) {
    try {
      const reply = await fetch(config.categoryApi, {
        method: "POST", credentials: "same-origin",
        headers: { "Content-Type": "application/json", "X-XSRFToken": config.xsrf },
        body: JSON.stringify({ key, category }),
      });
      if (!reply.ok) throw new Error(String(reply.status));
      message("");
    } catch (error) {
      message(W.kelas_category_failed);
    }
    refresh();
  }

  // --- start --------------------------------------------------------------------------------------------------
  $("kelas-heading").textContent = `${W.kelas_title} \u00b7 ${config.assignment}`;
  $("kelas-previous").textContent = "\u2190 " + W.kelas_previous;
  $("kelas-next").textContent = W.kelas_next + " \u2192";
  $("kelas-menu-label").textContent = W.kelas_menu;
  $("kelas-menu").setAttribute("aria-label", W.kelas_menu);
  $("kelas-main").setAttribute("aria-label", W.kelas_keys);
  $("kelas-previous").addEventListener("click", () => go(index() - 1));
  $("kelas-next").addEventListener("click", () => go(index() + 1));
  $("kelas-menu").addEventListener("change", (event) => go(state.views.findIndex((view) => view.id === event.target.value)));
  document.addEventListener("keydown", (event) => {
    if (event.altKey || event.ctrlKey || event.metaKey || event.target.tagName === "SELECT") return;
    const moves = { ArrowRight: 1, PageDown: 1, ArrowLeft: -1, PageUp: -1 };
    if (event.key in moves) {
      event.preventDefault();
      go(index() + moves[event.key]);
    } else if (event.key === "Home" || event.key === "End") {
      event.preventDefault();
      go(event.key === "Home" ? 0 : state.views.length - 1);
    }
  });
  $("kelas-view").hidden = true;
  message(W.kelas_loading);
  refresh();
})();
