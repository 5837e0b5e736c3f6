//! Times the transcoder on a saved API answer: `cargo run --release --example transcode -- page.json`.
use std::time::Instant;

fn main() {
    let path = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "page.json".into());
    let body = std::fs::read(&path).unwrap_or_default();
    let runs = 300;
    for _ in 0..20 {
        let _ = aliyun_eni::response::transcode_describe(200, &body);
    }
    let start = Instant::now();
    let mut out = 0;
    for _ in 0..runs {
        out += aliyun_eni::response::transcode_describe(200, &body)
            .map(|p| p.json.len())
            .unwrap_or(0);
    }
    let per = start.elapsed().as_secs_f64() * 1000.0 / f64::from(runs);
    println!(
        "{} bytes in, {} out: {per:.3} ms per page, {:.0} MB/s",
        body.len(),
        out / runs as usize,
        body.len() as f64 / per / 1000.0
    );
}
