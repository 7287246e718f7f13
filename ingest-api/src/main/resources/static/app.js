// The ratings page: plain JavaScript, no build step, nothing fetched from elsewhere. It talks to the
// same HTTP API as every other client (docs/api.md) and polls it, so a closed window shows up within
// a poll interval.
"use strict";

const POLL_MS = 3000;
const WINDOW_LIMIT = 200;
const TOKEN_KEY = "ratings.token";

const state = {
  token: sessionStorage.getItem(TOKEN_KEY),
  posts: [],
  selected: null,
  windows: [],
  lastWindowsJson: "",
  lastPostsJson: "",
};

const $ = (id) => document.getElementById(id);

// ---- API ---------------------------------------------------------------------------------------

async function api(method, path, body) {
  const headers = { Accept: "application/json" };
  if (state.token) headers.Authorization = "Bearer " + state.token;
  if (body !== undefined) headers["Content-Type"] = "application/json";
  const response = await fetch(path, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  const json = text ? JSON.parse(text) : null;
  if (!response.ok) {
    const error = new Error((json && (json.detail || json.title)) || "HTTP " + response.status);
    error.status = response.status;
    throw error;
  }
  return json;
}

function say(message, isError) {
  const status = $("status");
  status.textContent = message || "";
  status.classList.toggle("error", Boolean(isError));
}

// ---- Account -----------------------------------------------------------------------------------

function userOf(token) {
  try {
    const payload = token.split(".")[1].replace(/-/g, "+").replace(/_/g, "/");
    return JSON.parse(atob(payload)).sub || null;
  } catch (e) {
    return null;
  }
}

function setToken(token) {
  state.token = token;
  if (token) sessionStorage.setItem(TOKEN_KEY, token);
  else sessionStorage.removeItem(TOKEN_KEY);
  renderAccount();
  refresh();
}

let demoSignIn = false;

function renderAccount() {
  const user = state.token ? userOf(state.token) : null;
  $("signed-in").hidden = !user;
  $("who").textContent = user || "";
  $("sign-in").hidden = Boolean(user) || !demoSignIn;
  $("token-form").hidden = Boolean(user) || demoSignIn;
  $("create-section").hidden = !user;
  $("rate-form").hidden = !user || state.selected === null;
}

async function detectDemoSignIn() {
  try {
    const dev = await api("GET", "/api/dev");
    demoSignIn = Boolean(dev && dev.signIn);
  } catch (e) {
    demoSignIn = false; // production mode: no demo tokens, bring your own
  }
  renderAccount();
}

// ---- Posts -------------------------------------------------------------------------------------

function fixed(value, digits) {
  return value === null || value === undefined ? "–" : Number(value).toFixed(digits);
}

function raters(count) {
  return count + (count === 1 ? " rater" : " raters");
}

function renderPosts() {
  const list = $("posts");
  const json = JSON.stringify([state.posts, state.selected]);
  if (json === state.lastPostsJson) return; // polling must not rebuild the list under a keyboard user
  state.lastPostsJson = json;
  const focused = document.activeElement && document.activeElement.dataset
    ? document.activeElement.dataset.postId : undefined;
  list.replaceChildren();
  if (state.posts.length === 0) {
    const empty = document.createElement("li");
    empty.className = "empty";
    empty.textContent = "No posts yet.";
    list.append(empty);
  }
  for (const post of state.posts) {
    const item = document.createElement("li");
    const button = document.createElement("button");
    button.type = "button";
    button.className = "post";
    button.dataset.postId = post.id;
    button.setAttribute("aria-pressed", String(post.id === state.selected));
    const title = document.createElement("span");
    title.className = "title";
    title.textContent = post.title;
    const figures = document.createElement("span");
    figures.className = "post-figures";
    figures.innerHTML =
      `<span class="score" aria-label="fair score">${fixed(post.averageRating, 2)}</span>` +
      `<span class="raw" aria-label="plain average">avg ${fixed(post.rawAverage, 2)}</span>` +
      `<span class="count">${raters(post.ratingCount ?? 0)}</span>` +
      (post.myRating === null || post.myRating === undefined ? "" : `<span class="mine">you: ${post.myRating}</span>`);
    button.append(title, figures);
    button.addEventListener("click", () => select(post.id));
    item.append(button);
    list.append(item);
    if (focused !== undefined && String(post.id) === focused) button.focus();
  }
}

async function loadPosts() {
  const page = await api("GET", "/api/posts/?page=0&size=50");
  state.posts = page.items;
  renderPosts();
  if (state.selected !== null) renderDetail();
}

// ---- One post ----------------------------------------------------------------------------------

function selectedPost() {
  return state.posts.find((post) => post.id === state.selected) || null;
}

function select(id) {
  state.selected = id;
  state.lastWindowsJson = "";
  history.replaceState(null, "", "#post-" + id);
  renderPosts();
  renderDetail();
  loadWindows().catch((e) => say(e.message, true));
  $("detail").scrollIntoView({ block: "nearest" });
}

// Buttons, not radios: arrowing through a radio group would send a rating at every step.
function renderStars(myRating) {
  const stars = $("stars");
  if (stars.childElementCount === 0) {
    for (let value = 0; value <= 5; value++) {
      const button = document.createElement("button");
      button.type = "button";
      button.className = "star";
      button.dataset.rating = String(value);
      button.textContent = value === 0 ? "0" : "★".repeat(value);
      button.setAttribute("aria-label", "Rate " + value + (value === 1 ? " star" : " stars"));
      button.addEventListener("click", () => rate(value));
      stars.append(button);
    }
  }
  for (const button of stars.querySelectorAll("button")) {
    const mine = myRating !== null && myRating !== undefined && Number(button.dataset.rating) === myRating;
    button.setAttribute("aria-pressed", String(mine));
  }
}

function renderDetail() {
  const post = selectedPost();
  $("detail").hidden = post === null;
  if (post === null) return;
  $("detail-title").textContent = post.title;
  $("detail-body").textContent = post.body;
  $("detail-score").textContent = fixed(post.averageRating, 3);
  $("detail-raw").textContent = fixed(post.rawAverage, 3);
  $("detail-count").textContent = post.ratingCount ?? 0;
  $("detail-mine").textContent = post.myRating ?? "–";
  renderStars(post.myRating);
  renderAccount();
}

async function loadWindows() {
  if (state.selected === null) return;
  const id = state.selected;
  const result = await api("GET", `/api/posts/${id}/windows/?limit=${WINDOW_LIMIT}`);
  const json = JSON.stringify(result.items);
  if (id !== state.selected || json === state.lastWindowsJson) return;
  state.lastWindowsJson = json;
  state.windows = result.items;
  renderChart($("chart"), state.windows);
  renderWindowTable(state.windows);
}

async function rate(value) {
  const post = selectedPost();
  if (post === null) return;
  try {
    const accepted = await api("POST", `/api/posts/${post.id}/rate/`, { rating: value });
    post.myRating = accepted.rating; // the API shows it at once too; no need to wait for the next poll
    renderPosts();
    renderDetail();
    say(`Rated “${post.title}” ${accepted.rating}. The score moves when the window closes.`);
  } catch (e) {
    say(e.message, true);
    renderStars(post.myRating);
  }
}

// ---- Chart -------------------------------------------------------------------------------------

const SVG = "http://www.w3.org/2000/svg";

function svg(name, attributes, parent) {
  const element = document.createElementNS(SVG, name);
  for (const [key, value] of Object.entries(attributes)) element.setAttribute(key, value);
  if (parent) parent.append(element);
  return element;
}

/** Windows (newest first, as the API sends them) as an SVG: score and plain average over time, bars of ratings. */
function renderChart(container, windows) {
  container.replaceChildren();
  if (windows.length === 0) {
    container.setAttribute("aria-label", "No closed window yet");
    container.textContent = "No closed window yet.";
    return;
  }
  const points = windows.slice().reverse().map((w) => ({
    start: Date.parse(w.windowStart),
    end: Date.parse(w.windowEnd),
    score: w.score,
    raw: w.rawAverage,
    count: w.ratingsInWindow,
    windowEnd: w.windowEnd,
  }));
  const width = 640, height = 260, left = 36, right = 40, top = 12, bottom = 28;
  const x0 = points[0].start, x1 = points[points.length - 1].end;
  const x = (t) => left + ((t - x0) / Math.max(1, x1 - x0)) * (width - left - right);
  const y = (rating) => top + (1 - rating / 5) * (height - top - bottom);
  const maxCount = Math.max(...points.map((p) => p.count));
  const bar = (count) => (count / maxCount) * (height - top - bottom) * 0.45;

  const root = svg("svg", { viewBox: `0 0 ${width} ${height}`, preserveAspectRatio: "xMidYMid meet" }, container);
  for (let rating = 0; rating <= 5; rating++) {
    svg("line", { x1: left, x2: width - right, y1: y(rating), y2: y(rating), class: "grid" }, root);
    svg("text", { x: left - 6, y: y(rating) + 4, class: "axis", "text-anchor": "end" }, root).textContent = rating;
  }
  svg("text", { x: width - right + 4, y: top + 10, class: "axis" }, root).textContent = maxCount;
  svg("text", { x: width - right + 4, y: height - bottom, class: "axis" }, root).textContent = "0";
  for (const p of points) {
    const h = bar(p.count);
    const rect = svg("rect", {
      x: x(p.start) + 1, width: Math.max(1, x(p.end) - x(p.start) - 2),
      y: height - bottom - h, height: h, class: "bar",
    }, root);
    svg("title", {}, rect).textContent = `${p.count} ratings in the window ending ${p.windowEnd}`;
  }
  const line = (key, cls) => svg("polyline", {
    points: points.map((p) => `${x(p.end)},${y(p[key])}`).join(" "), class: cls,
  }, root);
  line("raw", "raw-line");
  line("score", "score-line");
  for (const p of points) { // a line of one window is no line: every window gets its marks
    svg("circle", { cx: x(p.end), cy: y(p.raw), r: 3, class: "raw-point" }, root);
  }
  for (const p of points) {
    const dot = svg("circle", {
      cx: x(p.end), cy: y(p.score), r: 3.5, class: "score-point",
      "data-window-end": p.windowEnd, "data-score": String(p.score), "data-raw-average": String(p.raw),
      "data-ratings": String(p.count),
    }, root);
    svg("title", {}, dot).textContent =
      `window ending ${p.windowEnd}: fair score ${p.score.toFixed(3)}, plain average ${p.raw.toFixed(3)}, ${p.count} ratings`;
  }
  const first = new Date(x0), last = new Date(x1);
  svg("text", { x: left, y: height - 8, class: "axis" }, root).textContent = first.toLocaleTimeString();
  svg("text", { x: width - right, y: height - 8, class: "axis", "text-anchor": "end" }, root).textContent =
    last.toLocaleTimeString();
  const latest = points[points.length - 1];
  container.setAttribute("aria-label",
    `${points.length} closed windows; latest fair score ${latest.score.toFixed(2)}, plain average ${latest.raw.toFixed(2)}`);
}

function renderWindowTable(windows) {
  const body = $("windows-table").tBodies[0];
  body.replaceChildren();
  for (const w of windows) {
    const row = body.insertRow();
    const trusted = w.trustedInWindow === null || w.trustedInWindow === undefined
      ? "–" : `${w.trustedInWindow} of ${w.ratingsInWindow}`;
    const share = w.probationScale === null || w.probationScale === undefined
      ? "–" : probationShare(w);
    for (const value of [new Date(w.windowEnd).toLocaleString(), w.ratingsInWindow, fixed(w.burstWeight, 3),
      fixed(w.rawAverage, 3), fixed(w.target, 3), fixed(w.score, 3), trusted, share]) {
      row.insertCell().textContent = value;
    }
  }
}

/** The probation pool's share of the target's weight (decay-v2). */
function probationShare(w) {
  const probation = w.probationScale * w.probationWeight;
  const total = w.trustedWeight + probation;
  return total > 0 ? (100 * probation / total).toFixed(1) + " %" : "–";
}

// ---- Forms and polling -------------------------------------------------------------------------

function wireForms() {
  $("sign-in").addEventListener("submit", async (event) => {
    event.preventDefault();
    try {
      const issued = await api("POST", "/api/dev/tokens", { user: $("user-name").value.trim() });
      setToken(issued.token);
      say("Signed in as " + issued.user + ".");
    } catch (e) {
      say(e.message, true);
    }
  });
  $("token-form").addEventListener("submit", (event) => {
    event.preventDefault();
    const token = $("token-input").value.trim();
    if (!userOf(token)) {
      say("That is not a JWT with a subject.", true);
      return;
    }
    setToken(token);
  });
  $("sign-out").addEventListener("click", () => setToken(null));
  $("create-form").addEventListener("submit", async (event) => {
    event.preventDefault();
    try {
      const post = await api("POST", "/api/posts/", { title: $("new-title").value, body: $("new-body").value });
      $("create-form").reset();
      await loadPosts();
      select(post.id);
      say(`Created “${post.title}”.`);
    } catch (e) {
      say(e.message, true);
    }
  });
}

async function refresh() {
  try {
    await loadPosts();
    await loadWindows();
  } catch (e) {
    if (e.status === 401 && state.token) {
      say("Your token was refused (expired?); signed out.", true);
      setToken(null);
    } else {
      say(e.message, true);
    }
  }
}

async function start() {
  wireForms();
  await detectDemoSignIn();
  const fromHash = /^#post-(\d+)$/.exec(location.hash);
  if (fromHash) state.selected = Number(fromHash[1]);
  await refresh();
  if (state.selected !== null) renderDetail();
  setInterval(refresh, POLL_MS);
}

start();
