// The dashboard's whole script: poll /dashboard/api/state once a second and redraw. No library, no build step.
"use strict";

(() => {
  const pollMs = 1000;
  const historyLength = 120; // two minutes of jobs/s per executor for the sparkline
  const history = new Map(); // executor -> [{ at, finished }]
  let presetsShown = false;

  const $ = (selector) => document.querySelector(selector);

  function escape(value) {
    return String(value ?? "").replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c]));
  }

  function ms(value) {
    if (value === null || value === undefined) return "—";
    if (value >= 1000) return `${(value / 1000).toFixed(2)} s`;
    return `${value.toFixed(value < 10 ? 2 : 1)} ms`;
  }

  function num(value, digits = 0) {
    return value === null || value === undefined ? "—" : Number(value).toFixed(digits);
  }

  function mb(bytes) {
    return bytes === null || bytes === undefined ? "—" : `${(bytes / 1048576).toFixed(1)} MB`;
  }

  function badge(text, kind = text) {
    return `<span class="badge ${escape(kind)}">${escape(text)}</span>`;
  }

  function stat(label, value, name) {
    return `<div class="stat" data-stat="${escape(name)}"><span class="value">${value}</span><span class="label">${escape(label)}</span></div>`;
  }

  // Jobs finished per second between polls, from the executor's own counters.
  function rememberThroughput(info, at) {
    const finished = info.succeededJobs + info.failedJobs + info.cancelledJobs + info.timedOutJobs;
    const points = history.get(info.name) ?? [];
    points.push({ at, finished });
    while (points.length > historyLength + 1) points.shift();
    history.set(info.name, points);
    const rates = [];
    for (let i = 1; i < points.length; i++) {
      const seconds = (points[i].at - points[i - 1].at) / 1000;
      rates.push(seconds > 0 ? Math.max(0, points[i].finished - points[i - 1].finished) / seconds : 0);
    }
    return rates;
  }

  function sparkline(rates, colour) {
    const width = 520;
    const height = 46;
    const top = Math.max(1, ...rates);
    const step = width / Math.max(1, historyLength - 1);
    const offset = width - (rates.length - 1) * step;
    const points = rates.map((r, i) => `${(offset + i * step).toFixed(1)},${(height - 3 - (r / top) * (height - 8)).toFixed(1)}`).join(" ");
    const last = rates.length ? rates[rates.length - 1] : 0;
    return `<svg class="spark" viewBox="0 0 ${width} ${height}" preserveAspectRatio="none" role="img" aria-label="jobs per second, last two minutes">` +
      `<polyline fill="none" stroke="${colour}" stroke-width="2" points="${points}"/>` +
      `<text x="6" y="14" font-size="11" fill="#666">jobs/s, last 2 min · now ${last.toFixed(1)} · max ${top.toFixed(1)}</text></svg>`;
  }

  function workerRows(info, cpu) {
    const processes = info.name === "processes";
    return info.workers.map((w) => {
      const cells = processes
        ? `<td class="num">${escape(w.processId)}</td><td>${badge(w.state)}</td><td class="num">${escape(w.tasksStarted)}</td>` +
          `<td class="num">${cpu[w.processId] === undefined ? "—" : `${num(cpu[w.processId], 1)} %`}</td><td class="num">${mb(w.residentMemoryBytes)}</td>` +
          `<td class="num">${escape(w.restarts ?? 0)}</td><td>${escape(w.lastExit ?? "—")}</td>`
        : `<td class="num">${escape(w.threadId ?? "—")}</td><td>${badge(w.state)}</td><td class="num">${escape(w.tasksStarted)}</td>`;
      return `<tr data-worker="${escape(w.name)}" data-state="${escape(w.state)}"><td>${escape(w.name)}</td>${cells}</tr>`;
    }).join("");
  }

  function executorCard(executor) {
    const info = executor.info;
    const recent = executor.lastMinute;
    const processes = info.name === "processes";
    const head = processes
      ? "<tr><th>worker</th><th class=\"num\">pid</th><th>state</th><th class=\"num\">tasks done</th><th class=\"num\">CPU</th><th class=\"num\">memory</th><th class=\"num\">restarts</th><th>last exit</th></tr>"
      : "<tr><th>worker</th><th class=\"num\">OS thread</th><th>state</th><th class=\"num\">tasks done</th></tr>";
    const pool = info.pool
      ? `<p class="muted" data-pool>pool: ${escape(info.pool.mode)}, worker host pid ${escape(info.pool.hostProcessId)} · crashed ${escape(info.pool.workersCrashed)} · killed ${escape(info.pool.workersKilled)} · recycled ${escape(info.pool.workersRecycled)}</p>`
      : "";
    return `<article class="executor" data-executor="${escape(info.name)}" data-available="${info.available}">
      <h2>${escape(info.name)} ${badge(info.available ? "available" : "unavailable")}</h2>
      <p class="description muted">${escape(info.description)}</p>
      ${info.problem ? `<p class="problem">${escape(info.problem)}</p>` : ""}
      <div class="stats">
        ${stat("queue depth", `${info.queueDepth} / ${info.queueCapacity}`, "queue")}
        ${stat("jobs running", info.runningJobs, "running")}
        ${stat("busy workers", `${info.busyWorkers} / ${info.workerCount}`, "busy")}
        ${stat("jobs/s, last minute", num(recent.jobsPerSecond, 2), "rate")}
        ${stat("run time p50", ms(recent.runTimeP50Ms), "p50")}
        ${stat("run time p95", ms(recent.runTimeP95Ms), "p95")}
        ${stat("run time p99", ms(recent.runTimeP99Ms), "p99")}
        ${stat("succeeded · failed · cancelled · timed out", `${info.succeededJobs} · ${info.failedJobs} · ${info.cancelledJobs} · ${info.timedOutJobs}`, "outcomes")}
      </div>
      <div class="spark-slot"></div>
      ${pool}
      <table class="workers"><thead>${head}</thead><tbody>${workerRows(info, executor.workerCpuPercent ?? {})}</tbody></table>
    </article>`;
  }

  function jobRow(job) {
    return `<tr data-job-id="${escape(job.id)}" data-status="${escape(job.status)}">
      <td><a href="${escape(job.link)}">${escape(job.id.slice(0, 8))}…</a></td><td>${escape(job.workload)}</td><td>${escape(job.executor)}</td>
      <td>${badge(job.status)}</td><td class="num">${escape(job.tasks)}</td><td class="num" data-field="queueWait">${ms(job.queueWaitMs)}</td>
      <td class="num" data-field="runTime">${ms(job.runTimeMs)}</td><td class="num" data-field="cpuTime">${ms(job.cpuTimeMs)}</td>
      <td class="num">${num(job.effectiveParallelism, 2)}</td><td>${escape(new Date(job.submittedAt).toLocaleTimeString())}</td></tr>`;
  }

  function experimentCard(item) {
    const e = item.experiment;
    const done = e.progress.runsDone;
    const total = Math.max(1, e.progress.runsTotal);
    // A new image only when the experiment has moved on, so the chart does not flicker every second.
    const chart = item.chart ? `<img class="chart" alt="speedup chart of ${escape(e.title)}" src="${escape(item.chart)}?runs=${done}&status=${escape(e.status)}">` : "";
    return `<article class="experiment" data-experiment-id="${escape(e.id)}" data-status="${escape(e.status)}" data-preset="${escape(e.preset ?? "")}">
      <h3>${escape(e.title)} ${badge(e.status)}</h3>
      <div class="muted">${escape(e.preset ?? e.kind)} · ${done} of ${e.progress.runsTotal} runs · <a href="${escape(e.links.self)}">JSON</a></div>
      <div class="progress" role="progressbar" aria-valuemin="0" aria-valuemax="${total}" aria-valuenow="${done}"><div style="width:${(100 * done / total).toFixed(1)}%"></div></div>
      ${e.error ? `<p class="problem">${escape(e.error.message)}</p>` : ""}
      ${chart}
      ${experimentNotes(e)}
      ${speedupTable(e)}
    </article>`;
  }

  // Every note under the chart: a number is never shown without what may make it wrong.
  function experimentNotes(e) {
    if (!e.notes || e.notes.length === 0) return "";
    return `<ul class="experiment-notes">${e.notes.map(n => `<li>${escape(n)}</li>`).join("")}</ul>`;
  }

  // Each cell's speedup with its 95% interval (or why there is none) and its flags.
  function speedupTable(e) {
    const cells = (e.cells ?? []).filter(c => c.executor !== "sequential" && c.speedup != null);
    if (cells.length === 0) return "";
    const interval = c => c.speedupInterval && c.speedupInterval.low != null
      ? `[${num(c.speedupInterval.low, 2)}, ${num(c.speedupInterval.high, 2)}]`
      : escape(c.speedupInterval?.missing?.startsWith("n too small") ? "n too small" : "—");
    const flags = c => (c.flags ?? []).map(f => f === "aboveIdeal" ? "above ideal" : f === "workersIdle" ? "workers idle" : f).join(", ");
    const rows = cells.map(c => `<tr data-executor="${escape(c.executor)}" data-workers="${c.workers}"><td>${escape(c.executor)}</td><td class="num">${c.workers}</td>
      <td class="num">${num(c.speedup, 2)}×</td><td class="num" data-field="interval">${interval(c)}</td><td class="num">${c.ideal}×</td>
      <td data-field="flags">${flags(c) ? `⚑ ${escape(flags(c))}` : ""}</td></tr>`).join("");
    return `<table class="speedups"><thead><tr><th>executor</th><th>workers</th><th>speedup</th><th>95% interval</th><th>ideal</th><th>flag</th></tr></thead><tbody>${rows}</tbody></table>`;
  }

  // Replace a region only when its markup changed: images are not reloaded and links stay clickable between polls.
  function update(element, html) {
    if (element.dataset.html !== html) {
      element.innerHTML = html;
      element.dataset.html = html;
    }
  }

  function showPresets(presets) {
    if (presetsShown || presets.length === 0) return;
    const select = $("#preset");
    select.innerHTML = presets.map((p) => `<option value="${escape(p.name)}">${escape(p.name)} — ${escape(p.title)}</option>`).join("");
    const describe = () => {
      const preset = presets.find((p) => p.name === select.value);
      $("#preset-claim").textContent = preset ? `Claim: ${preset.claim}` : "";
    };
    select.addEventListener("change", describe);
    describe();
    presetsShown = true;
  }

  function render(state) {
    const at = Date.now();
    $("#node").textContent = `${state.node} · ${state.cores} cores`;
    update($("#executors"), state.executors.map(executorCard).join(""));
    // The sparklines move every poll: drawn apart from the cards, so a card's markup changes only when its figures do.
    for (const executor of state.executors) {
      const rates = rememberThroughput(executor.info, at);
      const slot = document.querySelector(`.executor[data-executor="${executor.info.name}"] .spark-slot`);
      if (slot) slot.innerHTML = sparkline(rates, executor.info.name === "processes" ? "#2ca02c" : "#1f77b4");
    }
    update($("#jobs tbody"), state.jobs.map(jobRow).join(""));
    showPresets(state.presets);
    update($("#experiments"), state.experiments.map(experimentCard).join(""));
    const claims = $("#claims-panel");
    claims.hidden = state.claims.length === 0;
    update($("#claims tbody"), state.claims.map((c) =>
      `<tr data-claim><td>${escape(c.claim)}</td><td>${escape(c.dotNet)}</td><td>${escape(c.underGil)}</td><td>${escape(c.python)}</td><td title="${escape(c.rule)}">${badge(c.verdict)}</td></tr>`).join(""));
    const live = $("#live");
    live.dataset.state = "live";
    live.textContent = `live · ${new Date(at).toLocaleTimeString()}`;
  }

  async function poll() {
    try {
      const response = await fetch("/dashboard/api/state?jobs=20", { cache: "no-store" });
      if (!response.ok) throw new Error(`${response.status}`);
      render(await response.json());
    } catch (error) {
      const live = $("#live");
      live.dataset.state = "error";
      live.textContent = `not updating (${error.message}) · retrying`;
    } finally {
      setTimeout(poll, pollMs);
    }
  }

  $("#start-preset").addEventListener("submit", async (event) => {
    event.preventDefault();
    const message = $("#start-message");
    const preset = $("#preset").value;
    const size = $("#size").value;
    message.textContent = `starting ${preset}…`;
    try {
      const response = await fetch(`/dashboard/api/presets/${encodeURIComponent(preset)}?size=${encodeURIComponent(size)}`, {
        method: "POST",
        headers: { "X-Dashboard": "1" },
      });
      const body = await response.json();
      message.textContent = response.ok ? `started ${preset} (${body.id.slice(0, 8)}…)` : `${body.title ?? response.status} ${body.detail ?? ""}`;
    } catch (error) {
      message.textContent = `could not start ${preset}: ${error.message}`;
    }
  });

  // The advisor: submit, then long-poll the advice until it is final, and draw both answers, the curve and the notes.
  const interval = (e, unit = "") => (e.low === null || e.low === undefined
    ? `${num(e.value, 2)}${unit} (no interval)`
    : `${num(e.value, 2)}${unit} [${num(e.low, 2)}, ${num(e.high, 2)}]`);
  const list = (items) => `<ul>${items.map((i) => `<li>${escape(i)}</li>`).join("")}</ul>`;

  function recommendation(title, r) {
    return `<div data-runtime="${escape(title)}"><h3>${escape(title)}: ${badge(r.choice)}</h3>${list(r.reasons)}</div>`;
  }

  function adviceCard(view) {
    const header = `<h3>${escape(view.workload)} ${badge(view.status)} <a href="${escape(view.links.report)}">report.md</a></h3>`;
    if (!view.advice) {
      const error = view.error ? `<p class="problem">${escape(view.error.code)}: ${escape(view.error.message)}</p>` : "";
      return `${header}<div class="muted">${view.progress.runsDone} of ${view.progress.runsTotal} runs</div>${error}`;
    }
    const a = view.advice;
    const rows = a.curve.map((p) => `<tr><td>${escape(p.executor)}</td><td class="num">${p.workers}</td><td class="num">${interval(p.speedup, "×")}</td><td class="num">${p.runs}</td></tr>`).join("");
    return `${header}
      <div class="recommendations">${recommendation(".NET", a.dotNet)}${recommendation("Under a GIL", a.gil)}</div>
      <p>Profile: ${escape(a.profile.kind)}, CPU share ${interval(a.profile.cpuShare)}, a task ${interval(a.profile.taskMs, " ms")}</p>
      <table data-curve><thead><tr><th>executor</th><th class="num">workers</th><th class="num">speedup [95% interval]</th><th class="num">runs</th></tr></thead><tbody>${rows}</tbody></table>
      <h3>Notes</h3>${list(a.notes)}
      <h3>What it cannot tell</h3>${list(a.cannotTell)}`;
  }

  async function showWorkloads() {
    try {
      const response = await fetch("/dashboard/api/workloads", { cache: "no-store" });
      const workloads = await response.json();
      $("#advise-workload").innerHTML = workloads
        .filter((w) => w.kind !== "diagnostic")
        .map((w) => `<option value="${escape(w.name)}">${escape(w.name)}</option>`).join("");
    } catch (error) {
      $("#advise-message").textContent = `could not list the workloads: ${error.message}`;
    }
  }

  $("#advise").addEventListener("submit", async (event) => {
    event.preventDefault();
    const message = $("#advise-message");
    const panel = $("#advice");
    const workload = $("#advise-workload").value;
    message.textContent = `measuring ${workload}…`;
    try {
      const response = await fetch("/dashboard/api/advice", {
        method: "POST",
        headers: { "X-Dashboard": "1", "Content-Type": "application/json" },
        body: JSON.stringify({ workload, budgetSeconds: Number($("#advise-budget").value) }),
      });
      const body = await response.json();
      if (!response.ok) {
        message.textContent = `${body.title ?? response.status} ${Object.values(body.errors ?? {}).flat().join(" ") || (body.detail ?? "")}`;
        return;
      }
      let view;
      do {
        const next = await fetch(`/dashboard/api/advice/${body.id}?waitMs=5000`, { cache: "no-store" });
        view = await next.json();
        panel.hidden = false;
        panel.dataset.status = view.status;
        panel.innerHTML = adviceCard(view);
      } while (view.status === "queued" || view.status === "running");
      message.textContent = `${workload}: ${view.status}`;
    } catch (error) {
      message.textContent = `could not advise on ${workload}: ${error.message}`;
    }
  });

  showWorkloads();
  poll();
})();
