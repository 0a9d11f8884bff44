//! ECharts at build time (the only user of rquickjs): the static SVG of a
//! chart is drawn by ECharts itself, the library the page runs, inside an
//! embedded QuickJS-ng engine, so the static and the interactive chart agree.
//!
//! One chart: `baspaPrepare(option, cfg)` from `prepare.js` (the same file the
//! browser runs: formatters with the page's separators, colours, label
//! room), then `echarts.init(null, null, {renderer: 'svg', ssr: true, width,
//! height})`, `setOption`, `renderToSVGString()`, `dispose()`, animation off,
//! text measured with real DejaVu Sans advances ([`crate::fonts`]); then
//! [`super::svg::finish`] makes the SVG safe and deterministic.
//!
//! Threads: a QuickJS runtime is not `Send`, so each thread has its own
//! engine, made on its first chart and kept for the thread's life (rayon's
//! workers live as long as the pool): each pays the bundle load once.
//! Output never depends on which thread drew what (ids are renumbered per
//! figure, `Math.random` is reseeded for every chart). A render that runs
//! past its deadline is interrupted; the heap is capped.

use std::cell::{Cell, RefCell};
use std::rc::Rc;
use std::time::{Duration, Instant};

use rquickjs::{CatchResultExt, CaughtError, Coerced, Context, Ctx, Function, Runtime};
use serde_json::Value as Json;

use super::svg::{self, Finish};
use crate::fonts::{FONT_STACK, measure_text};

/// The option adjustments shared with the browser (served as
/// `assets/chart-prepare.*.js`).
pub const PREPARE_JS: &str = include_str!("prepare.js");

/// Changes whenever what the engine draws could change (the bundle, the
/// prepare script, the post-processing): part of every cache key.
pub const VERSION: &str = concat!("echarts-", env!("CARGO_PKG_VERSION"), "-1");

/// How long one chart (or the bundle load) may run before it is interrupted.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(5);

/// QuickJS heap cap per engine: ECharts uses ~6 MB; a runaway option
/// fails with "out of memory" instead of taking the machine down.
const MEMORY_LIMIT: usize = 256 << 20;

/// Runs first: what the bundle and zrender expect from a browser or Node.
/// - no `self`/`window`/`document`/`navigator`: zrender then takes its
///   Node path (`env.node`), as in Node's SSR (defining `self` makes it a
///   "worker", which renders the same charts);
/// - `setTimeout`/`clearTimeout`/`requestAnimationFrame`: zrender schedules
///   its (disabled) animation loop with them; never needed for SSR;
/// - `console`: ECharts logs some problems instead of throwing; they are
///   collected and returned as warnings;
/// - `Math.random`: ECharts uses it for a few internal ids and force
///   layouts; a seeded generator, reset before every chart, makes that
///   deterministic too.
const SHIM: &str = r#"
globalThis.setTimeout = function () { return 0; };
globalThis.clearTimeout = function () {};
globalThis.requestAnimationFrame = function () { return 0; };
globalThis.cancelAnimationFrame = function () {};
globalThis.__baspaLog = [];
(function () {
  function log(level) {
    return function () {
      var parts = [];
      for (var i = 0; i < arguments.length; i++) {
        var a = arguments[i];
        parts.push(a instanceof Error ? a.message : typeof a === 'object' ? (function () { try { return JSON.stringify(a); } catch (e) { return String(a); } })() : String(a));
      }
      globalThis.__baspaLog.push(level + ': ' + parts.join(' '));
    };
  }
  globalThis.console = { log: log('log'), info: log('info'), debug: log('debug'), warn: log('warn'), error: log('error') };
  var seed = 1;
  globalThis.__baspaSeed = function (s) { seed = s >>> 0; };
  Math.random = function () { // mulberry32
    seed = (seed + 0x6D2B79F5) >>> 0;
    var t = seed;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
})();
"#;

/// Runs after echarts.min.js and chart-prepare.js.
const SETUP: &str = r#"
if (typeof echarts !== 'object' || typeof echarts.init !== 'function') throw new Error('the ECharts bundle did not define echarts.init');
if (typeof baspaPrepare !== 'function') throw new Error('chart-prepare.js did not define baspaPrepare');
// Real glyph widths instead of ECharts' estimate (zrender caches them per font).
echarts.setPlatformAPI({
  measureText: function (text, font) { return { width: __baspaMeasureText(String(text), font || '12px sans-serif') }; }
});
globalThis.__baspaRender = function (optionJson, width, height, configJson) {
  __baspaSeed(1);
  var opt = JSON.parse(optionJson);
  var cfg = JSON.parse(configJson);
  cfg.width = width;
  cfg.height = height;
  cfg.textWidth = function (s, size) { return __baspaMeasureText(String(s), size + 'px sans-serif'); };
  opt = baspaPrepare(opt, cfg);
  opt.animation = false;
  var chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: width, height: height });
  try {
    chart.setOption(opt);
    // The production bundle skips what it does not know (a misspelt series
    // type, a series whose axis is missing) without a word: an empty chart
    // is worse than an error, so count what was actually built.
    var want = opt.series == null ? 0 : Array.isArray(opt.series) ? opt.series.length : 1;
    var got = chart.getModel().getSeriesCount();
    if (got !== want) throw new Error('ECharts built ' + got + ' of the option\'s ' + want + ' series (unknown series type?)');
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
};
"#;

/// One chart to render.
#[derive(Debug, Clone)]
pub struct ChartRequest<'a> {
    /// The option exactly as the page's JSON block carries it.
    pub option: &'a Json,
    /// Layout size in CSS pixels (the viewBox).
    pub width: u32,
    pub height: u32,
    /// `baspaPrepare`'s configuration as the browser gives it (separators,
    /// decimals, unit, scheme), as JSON; width, height and text widths are
    /// added here.
    pub config: &'a Json,
    /// Unique and stable per figure and variant, e.g. `fig-violence-360`.
    pub id_prefix: &'a str,
    pub title: Option<&'a str>,
    pub description: Option<&'a str>,
    /// Drop the root's width/height (keep the viewBox): scales with its box.
    pub responsive: bool,
}

/// A finished SVG. `warnings`: what ECharts logged (it logs some option
/// problems instead of throwing); `dropped`: CSS declarations without a
/// presentation attribute that the post-processing removed. The tests
/// check both stay empty for every kind of chart.
#[derive(Debug, Clone)]
#[cfg_attr(not(test), allow(dead_code))]
pub struct Svg {
    pub svg: String,
    pub warnings: Vec<String>,
    pub dropped: Vec<String>,
}

/// One QuickJS runtime and context with ECharts loaded. `!Send`.
pub struct Engine {
    // Field order = drop order: the context before its runtime, which it
    // needs alive (never read otherwise).
    ctx: Context,
    _rt: Runtime,
    /// Read by the interrupt handler: past this instant, JS is stopped.
    deadline: Rc<Cell<Option<Instant>>>,
    /// Set by the interrupt handler when it stopped JS.
    interrupted: Rc<Cell<bool>>,
    /// The limit last armed, for the message.
    armed: Cell<Duration>,
    pub timeout: Duration,
    /// Time taken by `new` (bundle parse and run), for reports.
    pub load_time: Duration,
}

impl Engine {
    /// Loads ECharts and the shared prepare script: 80–250 ms in release
    /// builds on 2 cores (`rquickjs-sys` gets `opt-level = 3` in the dev
    /// profile, for tests).
    pub fn new(echarts_js: &[u8], prepare_js: &str) -> Result<Engine, String> {
        let started = Instant::now();
        let rt = Runtime::new().map_err(|e| format!("cannot start QuickJS: {e}"))?;
        rt.set_memory_limit(MEMORY_LIMIT);
        let deadline: Rc<Cell<Option<Instant>>> = Rc::new(Cell::new(None));
        let interrupted = Rc::new(Cell::new(false));
        {
            let (deadline, interrupted) = (deadline.clone(), interrupted.clone());
            // QuickJS calls this every few thousand operations; `true` throws
            // an uncatchable "interrupted" error out of any running JS.
            rt.set_interrupt_handler(Some(Box::new(move || {
                let stop = deadline.get().is_some_and(|d| Instant::now() >= d);
                if stop {
                    interrupted.set(true);
                }
                stop
            })));
        }
        let ctx = Context::full(&rt).map_err(|e| format!("cannot create a QuickJS context: {e}"))?;
        let mut engine = Engine { ctx, _rt: rt, deadline, interrupted, armed: Cell::new(Duration::ZERO), timeout: DEFAULT_TIMEOUT, load_time: Duration::ZERO };
        // Loading gets a generous deadline of its own: debug builds are slow.
        engine.arm(Duration::from_secs(60));
        let loaded = engine.ctx.with(|ctx| -> Result<(), String> {
            let measure =
                Function::new(ctx.clone(), |text: String, font: String| measure_text(&text, &font)).map_err(|e| format!("cannot register measureText: {e}"))?;
            ctx.globals().set("__baspaMeasureText", measure).map_err(|e| format!("cannot register measureText: {e}"))?;
            eval(&ctx, SHIM.as_bytes(), "shim")?;
            eval(&ctx, echarts_js, "echarts.min.js")?;
            eval(&ctx, prepare_js.as_bytes(), "chart-prepare.js")?;
            eval(&ctx, SETUP.as_bytes(), "setup")
        });
        let loaded = engine.disarm(loaded);
        loaded?;
        engine.load_time = started.elapsed();
        Ok(engine)
    }

    /// Renders one chart to a finished SVG. On `Err` the engine may hold
    /// half-updated ECharts state: [`render_svg`] drops it and starts anew.
    pub fn render(&mut self, req: &ChartRequest) -> Result<Svg, String> {
        if req.width == 0 || req.height == 0 || req.width > 10_000 || req.height > 10_000 {
            return Err(format!("chart size {}×{} is out of range", req.width, req.height));
        }
        let option = serde_json::to_string(req.option).map_err(|e| format!("option: {e}"))?;
        let config = serde_json::to_string(req.config).map_err(|e| format!("config: {e}"))?;
        self.arm(self.timeout);
        let result = self.ctx.with(|ctx| -> Result<(String, Vec<String>), String> {
            let render: Function = ctx.globals().get("__baspaRender").map_err(|e| format!("engine not set up: {e}"))?;
            let svg = render.call::<_, String>((option, req.width, req.height, config)).catch(&ctx).map_err(|e| describe(&e))?;
            let log: Vec<String> = ctx.eval("__baspaLog.splice(0, __baspaLog.length)").catch(&ctx).map_err(|e| describe(&e))?;
            Ok((svg, log))
        });
        let (raw, warnings) = self.disarm(result)?;
        let finished = svg::finish(
            &raw,
            &Finish { id_prefix: req.id_prefix, title: req.title, description: req.description, font_family: FONT_STACK, responsive: req.responsive },
        )?;
        Ok(Svg { svg: finished.svg, warnings, dropped: finished.dropped })
    }

    fn arm(&self, limit: Duration) {
        self.interrupted.set(false);
        self.armed.set(limit);
        self.deadline.set(Some(Instant::now() + limit));
    }

    /// Clears the deadline; an interruption becomes its own message (the
    /// JS error only says "interrupted").
    fn disarm<T>(&self, r: Result<T, String>) -> Result<T, String> {
        self.deadline.set(None);
        if self.interrupted.replace(false) {
            return Err(format!("ECharts did not finish within {} s and was stopped", self.armed.get().as_secs_f32()));
        }
        r
    }
}

fn eval(ctx: &Ctx, source: &[u8], what: &str) -> Result<(), String> {
    ctx.eval::<(), _>(source.to_vec()).catch(ctx).map_err(|e| format!("{what}: {}", describe(&e)))
}

/// The JS message without the stack (line numbers of a minified bundle
/// help nobody), e.g. `TypeError: cannot read property 'x' of undefined`.
fn describe(e: &CaughtError) -> String {
    match e {
        CaughtError::Exception(ex) => {
            let name: Option<String> = ex.get("name").ok();
            let msg = ex.message().unwrap_or_default();
            match name {
                Some(n) if !n.is_empty() => format!("{n}: {msg}"),
                _ => msg,
            }
        }
        CaughtError::Value(v) => match v.get::<Coerced<String>>() {
            Ok(s) => format!("thrown: {}", s.0),
            Err(_) => "a non-Error value was thrown".into(),
        },
        CaughtError::Error(e) => e.to_string(),
    }
}

thread_local! {
    /// This thread's engine, made on first use. `None` after a failed render.
    static ENGINE: RefCell<Option<Engine>> = const { RefCell::new(None) };
}

/// Renders with this thread's engine (made on first use from
/// `crate::echarts::JS` and [`PREPARE_JS`]). After any error the engine is
/// dropped, so one bad chart never affects the next.
pub fn render_svg(req: &ChartRequest) -> Result<Svg, String> {
    with_engine(|e| e.render(req))?
}

/// Runs `f` with this thread's engine, creating it first if needed.
fn with_engine<R>(f: impl FnOnce(&mut Engine) -> Result<R, String>) -> Result<Result<R, String>, String> {
    ENGINE.with(|cell| {
        let mut slot = cell.borrow_mut();
        if slot.is_none() {
            *slot = Some(Engine::new(crate::echarts::JS, PREPARE_JS)?);
        }
        let Some(engine) = slot.as_mut() else { return Err("no chart engine".to_string()) };
        let r = f(engine);
        if r.is_err() {
            *slot = None;
        }
        Ok(r)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn config() -> Json {
        json!({ "decimal": ",", "group": "\u{a0}", "percent": "{n}%", "decimals": 0, "unit": "number", "scheme": "light" })
    }

    fn request<'a>(option: &'a Json, config: &'a Json, prefix: &'a str) -> ChartRequest<'a> {
        ChartRequest { option, width: 400, height: 300, config, id_prefix: prefix, title: Some("T"), description: None, responsive: false }
    }

    fn bar(values: &[f64]) -> Json {
        json!({ "xAxis": { "type": "category", "data": ["Алматы", "Астана", "Шымкент"] }, "yAxis": { "type": "value" },
                "series": [{ "type": "bar", "data": values, "label": { "show": true, "position": "top" } }] })
    }

    #[test]
    fn draws_every_kind_without_css_warnings_or_lost_styles() {
        let cfg = config();
        let options = [
            bar(&[1200.0, 3400.0, 10.0]),
            json!({ "yAxis": { "type": "category", "data": ["a", "b"] }, "xAxis": { "type": "value" }, "series": [{ "type": "bar", "data": [1, 2] }] }),
            json!({ "xAxis": { "type": "category", "data": ["a", "b"] }, "yAxis": { "type": "value" }, "series": [{ "type": "line", "data": [1, 2] }] }),
            json!({ "xAxis": { "type": "category", "data": ["a", "b"] }, "yAxis": { "type": "value" },
                    "series": [{ "type": "bar", "stack": "t", "data": [1, 2] }, { "type": "bar", "stack": "t", "data": [3, 4] }] }),
            json!({ "legend": {}, "series": [{ "type": "pie", "radius": ["40%", "68%"], "data": [{ "name": "a", "value": 40 }, { "name": "b", "value": 60 }] }] }),
        ];
        for (i, option) in options.iter().enumerate() {
            let svg = render_svg(&request(option, &cfg, "fig-x")).unwrap_or_else(|e| panic!("option {i}: {e}"));
            assert!(svg.warnings.is_empty(), "option {i}: {:?}", svg.warnings);
            assert!(svg.dropped.is_empty(), "option {i}: {:?}", svg.dropped);
            assert!(!svg.svg.contains("style"), "option {i}");
            roxmltree::Document::parse(&svg.svg).unwrap_or_else(|e| panic!("option {i}: {e}"));
        }
        let svg = render_svg(&request(&options[0], &cfg, "fig-x")).unwrap().svg;
        assert!(svg.contains(">3\u{a0}400<"), "numbers in the page's format: {svg}");
    }

    #[test]
    fn the_same_chart_draws_the_same_bytes_whatever_came_before() {
        let cfg = config();
        let first = render_svg(&request(&bar(&[1.0, 2.0, 3.0]), &cfg, "fig-a")).unwrap().svg;
        for n in 0..5 {
            render_svg(&request(&bar(&[n as f64, 9.0, 4.0]), &cfg, "fig-b")).unwrap();
        }
        assert_eq!(render_svg(&request(&bar(&[1.0, 2.0, 3.0]), &cfg, "fig-a")).unwrap().svg, first);
    }

    #[test]
    fn an_option_echarts_cannot_draw_is_an_error_not_an_empty_chart() {
        let cfg = config();
        let bad = json!({ "series": [{ "type": "nope", "data": [1] }] });
        let e = render_svg(&request(&bad, &cfg, "fig-a")).unwrap_err();
        assert!(e.contains("ECharts built 0 of the option's 1 series"), "{e}");
        // The next chart gets a fresh engine and draws.
        assert!(render_svg(&request(&bar(&[1.0, 2.0, 3.0]), &cfg, "fig-a")).is_ok());
    }

    #[test]
    fn a_render_past_its_deadline_is_stopped() {
        let cfg = config();
        let e = with_engine(|engine| {
            engine.timeout = Duration::from_nanos(1);
            engine.render(&request(&bar(&[1.0, 2.0, 3.0]), &cfg, "fig-a"))
        })
        .unwrap()
        .unwrap_err();
        assert!(e.starts_with("ECharts did not finish within"), "{e}");
    }
}
