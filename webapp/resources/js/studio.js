/*
 * Wan Studio page helpers: the create wizard's Ajax (steps, uploads with progress, drag and drop, URL checks),
 * character counts, waveforms of audio inputs, local times, the live task list and "video ready" notifications.
 * The server never relies on any of this: the wizard's one key per run stops double submits on its own.
 *
 * The page's Ajax calls are made here rather than with f:ajax: Mojarra renders f:ajax as inline event handlers
 * (onclick="mojarra.ab(...)"), which the page's Content-Security-Policy (no 'unsafe-inline') does not run.
 * Elements say what to do with data attributes: data-ajax-render (ids to re-render), data-ajax-execute (ids to
 * process, "@fields" for every field of the form but files; default the element itself), data-ajax-keyup (also
 * on typing, after this many ms), data-upload-with (a file input uploaded at once, with that hidden command
 * button as the Ajax source), data-busy-label (the button's label while its request runs), data-once (a button
 * that sends one request per page state: the paid submit), data-enter-clicks (Enter in this field clicks that
 * button), data-drop-for (a drop zone for that file input).
 */
var studio = (function () {
    "use strict";

    var REFRESH_ONE = "tasks:refreshOne";
    var socketOpenedBefore = false;
    /** While a submit is on its way, its own answer brings the new task's card. */
    var generating = false;
    /** Tasks already announced by a notification (pushes may repeat a state). */
    var notified = {};

    /** The provider counts Unicode code points, not UTF-16 units; so do we. */
    function codePoints(text) {
        return Array.from(text || "").length;
    }

    function updateCount(counter) {
        var field = document.getElementById(counter.getAttribute("data-count-for"));
        if (!field) {
            return;
        }
        var max = parseInt(counter.getAttribute("data-max"), 10);
        var used = codePoints(field.value);
        counter.textContent = used + " / " + max;
        counter.classList.toggle("over", used > max);
    }

    function bindCounters() {
        document.querySelectorAll("[data-count-for]").forEach(function (counter) {
            var field = document.getElementById(counter.getAttribute("data-count-for"));
            if (field && !field.dataset.counted) {
                field.dataset.counted = "true";
                field.addEventListener("input", function () {
                    updateCount(counter);
                });
            }
            updateCount(counter);
        });
    }

    function localizeTimes() {
        document.querySelectorAll("time[datetime]").forEach(function (time) {
            var date = new Date(time.getAttribute("datetime"));
            if (!isNaN(date.getTime())) {
                time.textContent = date.toLocaleString([], {
                    day: "numeric", month: "short", hour: "2-digit", minute: "2-digit"
                });
                time.title = date.toString();
            }
        });
    }

    function showError(text) {
        var box = document.querySelector(".ajax-error");
        if (!box) {
            box = document.createElement("div");
            box.className = "ajax-error";
            box.setAttribute("role", "alert");
            document.body.appendChild(box);
        }
        box.textContent = text;
        clearTimeout(showError.timer);
        showError.timer = setTimeout(function () {
            box.remove();
        }, 8000);
    }

    /** Task progress bars and chart bars: sizes set through the CSSOM (the policy refuses inline styles). */
    function showProgress() {
        document.querySelectorAll(".spend-bar[data-bar]").forEach(function (bar) {
            bar.style.height = Math.max(0, Math.min(100, parseInt(bar.getAttribute("data-bar"), 10) || 0)) + "%";
        });
        document.querySelectorAll(".progress-bar[data-progress]").forEach(function (bar) {
            var percent = parseInt(bar.getAttribute("data-progress"), 10);
            bar.style.width = (isNaN(percent) ? 0 : Math.max(0, Math.min(100, percent))) + "%";
        });
    }

    /**
     * Every field of a form except file inputs: a file input among the executed ids makes Mojarra send the request
     * through a hidden iframe, which the policy's frame-ancestors 'none' refuses (files go by upload() instead).
     */
    function fieldsOf(form) {
        var names = [];
        form.querySelectorAll("input[name], select[name], textarea[name]").forEach(function (el) {
            if (el.type === "file" || el.type === "submit" || el.type === "hidden" || el.name === form.id
                    || names.indexOf(el.name) >= 0) {
                return;
            }
            names.push(el.name);
        });
        return names.join(" ");
    }

    function ajax(source, event, execute, render, onevent) {
        if (execute === "@fields") {
            execute = fieldsOf(source.form) + " " + source.id;
        }
        var options = {execute: execute || source.id, render: render, onevent: onevent};
        if (source.type === "submit") {
            // a command's action runs only when the request says it was activated (also from the Enter key)
            options["jakarta.faces.behavior.event"] = "action";
        }
        faces.ajax.request(source, event, options);
    }

    /** A button with a busy label is disabled while its request runs; a re-render brings a fresh one. */
    function press(button, event) {
        if (button.getAttribute("data-busy")) {
            return; // a double click: the first request is on its way
        }
        var label = button.getAttribute("data-busy-label");
        var once = button.hasAttribute("data-once");
        if (label || once) {
            button.setAttribute("data-busy", "true");
            button.setAttribute("data-idle-label", button.value);
            button.disabled = true;
            if (label) {
                button.value = label;
            }
        }
        generating = generating || once;
        // (a disabled button is still a valid Ajax source; its own id is sent as jakarta.faces.source)
        ajax(button, event, button.getAttribute("data-ajax-execute"), button.getAttribute("data-ajax-render"),
                function (data) {
                    if (data.status === "success") {
                        generating = false;
                        release(button, once);
                    } else if (data.status === "complete" && data.responseCode >= 400) {
                        generating = false;
                        release(button, false);
                    }
                });
    }

    /** Gives a button back if its request did not replace it; a paid submit that got an answer stays spent. */
    function release(button, spent) {
        if (!document.body.contains(button) || spent) {
            return;
        }
        button.disabled = false;
        button.removeAttribute("data-busy");
        button.value = button.getAttribute("data-idle-label") || button.value;
    }

    /**
     * A chosen or dropped file is uploaded at once. Mojarra would send a multipart Ajax request through a hidden
     * iframe, whose answer the policy's frame-ancestors 'none' refuses to frame; so it is sent here with
     * XMLHttpRequest (which also reports progress) and the partial response handed to faces.ajax.response.
     */
    function upload(input) {
        var max = parseInt(input.getAttribute("data-max-bytes"), 10);
        if (max && input.files[0].size > max) {
            // never sent: the server would cut it off at the limit anyway, after the user waited for it
            var message = document.getElementById(input.id.replace(/:file$/, ":message"));
            if (message) {
                message.textContent = input.getAttribute("data-too-large");
            }
            input.value = "";
            return;
        }
        var form = input.form;
        var sourceId = input.getAttribute("data-upload-with");
        var render = input.getAttribute("data-ajax-render");
        var field = input.closest(".medium");
        var progress = field && field.querySelector(".upload-progress");
        var bar = progress && progress.querySelector("progress");
        var text = progress && progress.querySelector(".upload-progress-text");
        if (field) {
            field.setAttribute("aria-busy", "true");
        }
        if (progress) {
            progress.hidden = false;
            bar.value = 0;
            text.textContent = "Uploading " + input.files[0].name + "…";
        }
        var data = new FormData();
        // the form's state and this file only: other fields are not part of this request
        form.querySelectorAll("input[type=hidden]").forEach(function (hidden) {
            data.append(hidden.name, hidden.value);
        });
        data.append(input.name, input.files[0]);
        data.append("jakarta.faces.source", sourceId);
        data.append("jakarta.faces.behavior.event", "action");
        data.append("jakarta.faces.partial.ajax", "true");
        data.append("jakarta.faces.partial.execute", input.id + " " + sourceId);
        data.append("jakarta.faces.partial.render", render);
        data.append(sourceId, sourceId);
        var xhr = new XMLHttpRequest();
        xhr.open("POST", form.action);
        xhr.setRequestHeader("Faces-Request", "partial/ajax");
        xhr.upload.onprogress = function (event) {
            if (bar && event.lengthComputable) {
                var percent = Math.round(event.loaded * 100 / event.total);
                bar.value = percent;
                text.textContent = percent < 100 ? "Uploading… " + percent + "%" : "Checking the file…";
            }
        };
        xhr.onload = function () {
            if (xhr.status === 200) {
                faces.ajax.response(xhr, {sourceid: sourceId, formId: form.id, render: render});
            } else if (xhr.status === 413) {
                uploadFailed(field, xhr.responseText || "The file is larger than any input may be.");
            } else {
                uploadFailed(field, "The file could not be sent. Please try again.");
            }
        };
        xhr.onerror = function () {
            uploadFailed(field, "The file could not be sent. Please try again.");
        };
        xhr.send(data);
    }

    function uploadFailed(field, message) {
        if (field) {
            field.setAttribute("aria-busy", "false");
            var progress = field.querySelector(".upload-progress");
            if (progress) {
                progress.hidden = true;
            }
        }
        showError(message);
    }

    /** Drag and drop onto a medium's drop zone: the dropped file is taken as if chosen. */
    function bindDrops() {
        function zoneOf(event) {
            return event.target.closest && event.target.closest("[data-drop-for]");
        }
        document.addEventListener("dragover", function (event) {
            var zone = zoneOf(event);
            if (zone) {
                event.preventDefault();
                zone.classList.add("dragging");
            }
        });
        document.addEventListener("dragleave", function (event) {
            var zone = zoneOf(event);
            if (zone && !zone.contains(event.relatedTarget)) {
                zone.classList.remove("dragging");
            }
        });
        document.addEventListener("drop", function (event) {
            var zone = zoneOf(event);
            if (!zone) {
                return;
            }
            event.preventDefault();
            zone.classList.remove("dragging");
            var input = document.getElementById(zone.getAttribute("data-drop-for"));
            if (input && event.dataTransfer && event.dataTransfer.files.length > 0) {
                input.files = event.dataTransfer.files;
                upload(input);
            }
        });
    }

    /** Audio inputs: a level strip drawn from the file itself, decoded by the browser. */
    function drawWaveforms() {
        document.querySelectorAll("canvas[data-waveform-src]:not([data-drawn])").forEach(function (canvas) {
            canvas.setAttribute("data-drawn", "pending");
            var Context = window.OfflineAudioContext || window.webkitOfflineAudioContext;
            if (!Context || !window.fetch) {
                return;
            }
            fetch(canvas.getAttribute("data-waveform-src"), {credentials: "same-origin"})
                .then(function (response) {
                    if (!response.ok) {
                        throw new Error("HTTP " + response.status);
                    }
                    return response.arrayBuffer();
                })
                .then(function (bytes) {
                    return new Context(1, 1, 44100).decodeAudioData(bytes);
                })
                .then(function (audio) {
                    paintLevels(canvas, audio.getChannelData(0));
                    canvas.setAttribute("data-drawn", "true");
                })
                .catch(function () {
                    canvas.setAttribute("data-drawn", "failed");
                });
        });
    }

    function paintLevels(canvas, samples) {
        var g = canvas.getContext("2d");
        var bars = 96;
        var gap = 2;
        var width = canvas.width / bars;
        var per = Math.max(1, Math.floor(samples.length / bars));
        var peaks = [];
        var loudest = 0;
        for (var i = 0; i < bars; i++) {
            var peak = 0;
            for (var j = i * per; j < Math.min(samples.length, (i + 1) * per); j += 16) {
                peak = Math.max(peak, Math.abs(samples[j]));
            }
            peaks.push(peak);
            loudest = Math.max(loudest, peak);
        }
        g.clearRect(0, 0, canvas.width, canvas.height);
        g.fillStyle = "#4f46e5";
        peaks.forEach(function (peak, index) {
            var h = Math.max(2, (loudest > 0 ? peak / loudest : 0) * (canvas.height - 8));
            g.fillRect(index * width + gap / 2, (canvas.height - h) / 2, width - gap, h);
        });
    }

    /** A thumbnail that cannot be made (a clip in a codec we cannot decode) shows a neutral tile instead. */
    function bindThumbFallbacks() {
        document.addEventListener("error", function (event) {
            var img = event.target;
            if (img.tagName === "IMG" && img.hasAttribute("data-thumb-fallback")) {
                var tile = document.createElement("div");
                tile.className = "thumb thumb-missing";
                tile.textContent = img.getAttribute("data-thumb-fallback");
                img.replaceWith(tile);
            }
        }, true);
    }

    /** Event delegation: elements re-rendered by Ajax keep working without binding anything again. */
    function bindAjax() {
        document.addEventListener("click", function (event) {
            var button = event.target.closest && event.target.closest("input[type=submit][data-ajax-render]");
            if (!button) {
                return;
            }
            event.preventDefault();
            press(button, event);
        });
        document.addEventListener("change", function (event) {
            var target = event.target;
            if (target.getAttribute && target.getAttribute("data-upload-with")) {
                if (target.files && target.files.length > 0) {
                    upload(target);
                }
                return;
            }
            var host = target.closest && target.closest("[data-ajax-render]:not(input[type=submit])");
            if (host) {
                ajax(host, event, host.getAttribute("data-ajax-execute") || host.id,
                        host.getAttribute("data-ajax-render"));
            }
        });
        document.addEventListener("keyup", function (event) {
            var target = event.target;
            var delay = target.getAttribute && parseInt(target.getAttribute("data-ajax-keyup"), 10);
            if (!delay || event.key === "Enter" || event.key === "Tab") {
                return;
            }
            clearTimeout(target.ajaxTimer);
            target.ajaxTimer = setTimeout(function () {
                ajax(target, null, target.id, target.getAttribute("data-ajax-render"));
            }, delay);
        });
        // Enter in a field: its own button (a URL's "Use URL"), else the step's Next; never the paid submit.
        document.addEventListener("keydown", function (event) {
            var target = event.target;
            if (event.key !== "Enter" || !target.form || target.tagName !== "INPUT" || target.type === "submit"
                    || target.type === "file") {
                return;
            }
            var button = document.getElementById(target.getAttribute("data-enter-clicks") || "")
                || (target.form.id === "create" && document.getElementById("create:next"));
            if (button) {
                event.preventDefault();
                press(button, event);
            }
        });
    }

    /** After a step change: the new step's heading takes the focus, so keyboard and screen reader users follow. */
    function followStep() {
        var form = document.getElementById("create");
        if (!form) {
            return;
        }
        var step = form.getAttribute("data-step");
        if (followStep.shown && followStep.shown !== step) {
            var heading = form.querySelector("[data-step-heading]");
            if (heading) {
                heading.focus({preventScroll: true});
                var top = form.getBoundingClientRect().top;
                if (top < 0) {
                    form.scrollIntoView({block: "start"});
                }
            }
        }
        followStep.shown = step;
    }

    // ---- notifications ----

    function notificationsOffered() {
        return "Notification" in window && window.isSecureContext;
    }

    function showNotifyButton() {
        var button = document.getElementById("notifyMe");
        if (button) {
            button.hidden = !notificationsOffered() || Notification.permission !== "default";
        }
    }

    function notifyDone(message, card) {
        if (!notificationsOffered() || Notification.permission !== "granted" || notified[message.id]) {
            return;
        }
        var before = card && card.getAttribute("data-state");
        if (before === message.state) {
            return;
        }
        if (message.state === "COMPLETED" || message.state === "FAILED") {
            notified[message.id] = true;
            var prompt = card && card.querySelector(".task-prompt");
            new Notification(message.state === "COMPLETED" ? "Your video is ready" : "A video could not be made", {
                body: "Task #" + message.id + (prompt ? " · " + prompt.textContent.trim().slice(0, 80) : ""),
                tag: "wan-task-" + message.id
            });
        }
    }

    function bindNotifyButton() {
        document.addEventListener("click", function (event) {
            if (event.target.id === "notifyMe" && notificationsOffered()) {
                Notification.requestPermission().then(showNotifyButton);
            }
        });
        showNotifyButton();
    }

    // ---- gallery ----

    /** A tile's video plays, muted, while the pointer or the keyboard focus is on the tile. */
    function bindHoverPlay() {
        function videoOf(event) {
            var tile = event.target.closest && event.target.closest(".tile");
            return tile && tile.querySelector("video[data-hover-play]");
        }
        ["mouseover", "focusin"].forEach(function (type) {
            document.addEventListener(type, function (event) {
                var video = videoOf(event);
                if (video && video.paused) {
                    video.play().catch(function () {
                        // autoplay refused or the file is gone: the poster stays
                    });
                }
            });
        });
        ["mouseout", "focusout"].forEach(function (type) {
            document.addEventListener(type, function (event) {
                var video = videoOf(event);
                var tile = video && video.closest(".tile");
                if (video && !(event.relatedTarget && tile.contains(event.relatedTarget))) {
                    video.pause();
                    video.currentTime = 0;
                }
            });
        });
    }

    /** Filter fields submit their (GET) form at once; bulk buttons go to a URL made from the selection. */
    function bindGallery() {
        document.addEventListener("change", function (event) {
            var target = event.target;
            if (target.hasAttribute && target.hasAttribute("data-autosubmit") && target.form) {
                target.form.submit();
            }
            if (target.name === "id" && target.type === "checkbox") {
                showSelection();
            }
        });
        document.addEventListener("click", function (event) {
            var button = event.target.closest && event.target.closest("[data-selected-to]");
            if (!button) {
                return;
            }
            var ids = selectedIds();
            var min = parseInt(button.getAttribute("data-selected-min") || "1", 10);
            var max = parseInt(button.getAttribute("data-selected-max") || "100", 10);
            if (ids.length < min || ids.length > max) {
                showError(min === max ? "Select " + min + " videos." : ids.length < min
                        ? "Select at least " + min + (min === 1 ? " video." : " videos.")
                        : "Select at most " + max + " videos.");
                return;
            }
            window.location.href = button.getAttribute("data-selected-to") + "?"
                    + ids.map(function (id) { return "id=" + encodeURIComponent(id); }).join("&");
        });
        showSelection();
        // Back restores a page as it was left, the filter fields with what was typed but never applied: show
        // the filters of the URL again (the form's defaults are those)
        window.addEventListener("pageshow", function () {
            document.querySelectorAll("form.filters").forEach(function (form) {
                form.reset();
            });
        });
        document.addEventListener("focusin", function (event) {
            if (event.target.hasAttribute && event.target.hasAttribute("data-select-on-focus")) {
                event.target.select(); // a new share link: ready to copy
            }
        });
    }

    function selectedIds() {
        return Array.from(document.querySelectorAll("input[type=checkbox][name=id]:checked")).map(function (box) {
            return box.value;
        });
    }

    function showSelection() {
        var count = document.querySelector("[data-selected-count]");
        if (count) {
            var n = selectedIds().length;
            count.textContent = n === 0 ? "Select videos for more actions" : n === 1 ? "1 selected" : n + " selected";
        }
    }

    /** The compare page: the videos play, pause and seek together; the first one leads. */
    function bindCompare() {
        var videos = Array.from(document.querySelectorAll("video[data-synced]"));
        var play = document.getElementById("playAll");
        var seek = document.getElementById("seekAll");
        var time = document.getElementById("syncTime");
        if (videos.length < 2 || !play || !seek) {
            return;
        }
        var lead = videos[0];
        var longest = function () {
            return Math.max.apply(null, videos.map(function (v) { return v.duration || 0; }));
        };
        play.addEventListener("click", function () {
            var start = lead.paused;
            videos.forEach(function (v) {
                if (start) {
                    v.currentTime = lead.currentTime;
                    v.play().catch(function () {});
                } else {
                    v.pause();
                }
            });
            play.textContent = start ? "Pause all" : "Play all";
        });
        seek.addEventListener("input", function () {
            var at = longest() * seek.value / 1000;
            videos.forEach(function (v) {
                v.currentTime = Math.min(at, v.duration || at);
            });
        });
        lead.addEventListener("timeupdate", function () {
            time.textContent = lead.currentTime.toFixed(1) + " s";
            if (longest() > 0) {
                seek.value = Math.round(lead.currentTime * 1000 / longest());
            }
            videos.slice(1).forEach(function (v) {
                // keep in step: a video that drifted more than a tenth of a second is put back
                if (!v.paused && Math.abs(v.currentTime - lead.currentTime) > 0.1 && lead.currentTime < v.duration) {
                    v.currentTime = lead.currentTime;
                }
            });
        });
        lead.addEventListener("ended", function () {
            play.textContent = "Play all";
        });
    }

    function refreshAll() {
        if (typeof window.studioRefreshTasks === "function") {
            window.studioRefreshTasks();
        }
    }

    function afterRender() {
        bindCounters();
        localizeTimes();
        showProgress();
        drawWaveforms();
        followStep();
    }

    return {
        /** A task changed: re-render its card only, so that videos in other cards keep playing. */
        onTaskChanged: function (message) {
            var detail = message && document.querySelector('[data-detail-task="' + message.id + '"]');
            if (detail) {
                // the detail page of this task: a new state shows new parts (the player, the reason): reload
                if (detail.getAttribute("data-state") !== message.state) {
                    window.location.reload();
                }
                return;
            }
            var card = message && document.querySelector('[data-task-id="' + message.id + '"]');
            notifyDone(message, card);
            if (card && card.id && document.getElementById(REFRESH_ONE)) {
                faces.ajax.request(REFRESH_ONE, null, {
                    "jakarta.faces.behavior.event": "action",
                    execute: REFRESH_ONE,
                    render: card.id,
                    params: {taskId: message.id}
                });
            } else if (!generating) {
                refreshAll(); // a task this page does not show yet, e.g. made in another tab
            }
        },

        /** After a reconnect, pushes may have been missed: catch up once. */
        onSocketOpen: function () {
            if (socketOpenedBefore) {
                refreshAll();
            }
            socketOpenedBefore = true;
        },

        init: function () {
            afterRender();
            bindAjax();
            bindDrops();
            bindThumbFallbacks();
            bindNotifyButton();
            bindHoverPlay();
            bindGallery();
            bindCompare();
            var refresh = document.querySelector("[data-auto-refresh]");
            if (refresh) {
                setTimeout(function () {
                    window.location.reload();
                }, parseInt(refresh.getAttribute("data-auto-refresh"), 10) * 1000);
            }
            if (window.faces && faces.ajax) {
                faces.ajax.addOnEvent(function (data) {
                    if (data.status === "success") {
                        afterRender();
                    }
                });
                faces.ajax.addOnError(function (data) {
                    if (/ViewExpired/.test(data.errorName || "")) {
                        window.location.reload(); // the page was open too long; start afresh
                        return;
                    }
                    generating = false;
                    document.querySelectorAll("input[data-busy]").forEach(function (button) {
                        release(button, false);
                    });
                    showError("Something went wrong talking to the server. Please try again.");
                });
            }
        }
    };
})();

if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", studio.init);
} else {
    studio.init();
}
