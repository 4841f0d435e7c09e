/* The attendance tick list. Every tap is shown at once and kept in a queue in the phone's
   storage; the queue is sent one tap at a time in the background and retried when the network
   comes back, so a kader never waits on the network between names and loses nothing if the page
   is reloaded. The server is idempotent: sending a tap twice records one attendance. */
(function () {
  "use strict";
  var root = document.getElementById("attendance");
  if (!root) return;
  var markUrl = root.dataset.markUrl;
  var key = "sigap-attendance-" + root.dataset.session;
  var open = root.dataset.open === "1";
  var roster = root.querySelector(".roster");
  var countEl = root.querySelector("[data-testid=present-count]");
  var stateEl = root.querySelector(".sync-state");
  var tokenInput = document.querySelector("input[name=csrfmiddlewaretoken]");
  var token = tokenInput ? tokenInput.value : "";
  var queue = load();
  var busy = false;
  var delay = 2000;

  function load() {
    try { return JSON.parse(localStorage.getItem(key) || "[]"); } catch (e) { return []; }
  }
  function save() {
    try { localStorage.setItem(key, JSON.stringify(queue)); } catch (e) { /* private mode */ }
  }
  function say(state, n) {
    var text = root.dataset["msg" + state.charAt(0).toUpperCase() + state.slice(1)] || "";
    stateEl.textContent = text.replace("%(n)s", n);
    stateEl.dataset.state = state;
  }
  function row(resident) {
    return roster.querySelector('li[data-resident="' + resident + '"]');
  }
  function recount() {
    countEl.textContent = roster.querySelectorAll("input[type=checkbox]:checked").length;
  }
  function enqueue(item) {
    queue = queue.filter(function (q) { return q.resident !== item.resident; });
    queue.push(item);
    save();
    var li = row(item.resident);
    if (li) { li.classList.add("pending"); li.classList.remove("failed"); }
    recount();
    flush();
  }
  function settle(item, ok) {
    var li = row(item.resident);
    if (!li) return;
    li.classList.remove("pending");
    if (!ok) {
      li.classList.add("failed");
      var box = li.querySelector("input[type=checkbox]");
      if (box) box.checked = !item.present;
      recount();
    } else {
      li.querySelector("input[name=present]").value = item.present ? "0" : "1";
    }
  }
  function flush() {
    if (busy) return;
    if (!queue.length) { say("saved", 0); return; }
    busy = true;
    say(navigator.onLine === false ? "offline" : "pending", queue.length);
    var item = queue[0];
    var body = new FormData();
    body.append("resident", item.resident);
    body.append("present", item.present ? "1" : "0");
    body.append("method", item.method);
    fetch(markUrl, {
      method: "POST",
      body: body,
      credentials: "same-origin",
      headers: { "Accept": "application/json", "X-CSRFToken": token }
    }).then(function (response) {
      if (response.status >= 500) throw new Error("server " + response.status);
      return response.json().catch(function () { return { ok: false }; }).then(function (data) {
        queue.shift();
        save();
        settle(item, response.ok && data.ok);
        if (!(response.ok && data.ok)) {
          stateEl.textContent = root.dataset.msgError + (data.error ? ": " + data.error : "");
          stateEl.dataset.state = "error";
        }
        delay = 2000;
        busy = false;
        if (response.ok) flush();
      });
    }).catch(function () {
      busy = false;
      say("offline", queue.length);
      setTimeout(flush, delay);
      delay = Math.min(delay * 2, 30000);
    });
  }

  roster.addEventListener("change", function (event) {
    var box = event.target;
    if (box.type !== "checkbox") return;
    var li = box.closest("li");
    var form = li.querySelector("form");
    var method = form.querySelector("input[name=method]");
    enqueue({
      resident: li.dataset.resident,
      present: box.checked,
      method: method ? method.value : "daftar"
    });
  });
  roster.addEventListener("submit", function (event) { event.preventDefault(); });

  var filter = document.getElementById("roster-filter");
  if (filter) {
    filter.addEventListener("input", function () {
      var text = filter.value.trim().toLowerCase();
      roster.querySelectorAll("li[data-resident]").forEach(function (li) {
        li.hidden = text !== "" && li.dataset.name.indexOf(text) === -1;
      });
    });
  }

  var results = document.getElementById("walk-in-results");
  if (results) {
    results.addEventListener("submit", function (event) {
      event.preventDefault();
      var li = event.target.closest("li");
      var resident = li.dataset.walkIn;
      if (!row(resident)) {
        var empty = roster.querySelector("li[data-empty]");
        if (empty) empty.remove();
        var added = document.createElement("li");
        added.dataset.resident = resident;
        added.dataset.name = li.dataset.name;
        var form = event.target.cloneNode(true);
        form.querySelector(".who-row").remove();
        var label = document.createElement("label");
        var box = document.createElement("input");
        box.type = "checkbox";
        box.checked = true;
        var who = li.querySelector(".who").cloneNode(true);
        label.appendChild(box);
        label.appendChild(who);
        form.appendChild(label);
        added.appendChild(form);
        roster.insertBefore(added, roster.firstChild);
      } else {
        row(resident).querySelector("input[type=checkbox]").checked = true;
      }
      var button = event.target.querySelector("button");
      if (button) button.replaceWith(document.createTextNode("✓"));
      enqueue({ resident: resident, present: true, method: "datang_langsung" });
    });
  }

  // Taps kept from before a reload: show them, then send them.
  queue.forEach(function (item) {
    var li = row(item.resident);
    if (li) {
      li.classList.add("pending");
      var box = li.querySelector("input[type=checkbox]");
      if (box) box.checked = item.present;
    }
  });
  recount();
  window.addEventListener("online", function () { delay = 2000; flush(); });
  if (open) flush();
})();
