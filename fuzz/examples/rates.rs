//! How much of what the generators make gets past each stage:
//! `cargo run --example rates [N]`.
use kader_fuzz::{Shape, Unstructured};

fn main() {
    let n: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(2000);
    let mut state = 0x9e37_79b9_7f4a_7c15u64;
    let mut bytes = |len: usize| {
        (0..len)
            .map(|_| {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                state as u8
            })
            .collect::<Vec<u8>>()
    };
    let (mut compiled, mut loaded, mut layered, mut gaps) = (0, 0, 0, 0);
    let mut first_error = std::collections::BTreeMap::new();
    for i in 0..n {
        let data = bytes(400 + i % 800);
        let mut u = Unstructured::new(&data);
        let shape = Shape {
            id: "base",
            extends: None,
            prefix: "",
            messy: false,
        };
        let Ok(base) = kader_fuzz::framework(&mut u, &shape, None) else {
            continue;
        };
        match kader::Framework::compile(&base.source) {
            Ok(fw) => {
                compiled += 1;
                if let Ok(text) = kader_fuzz::evidence(&mut u, &base.scope) {
                    if let Ok(e) = kader::Evidence::from_json(&fw, &text) {
                        loaded += 1;
                        let o = fw.decide(&e, kader::Stage::Intake).explain().outcome;
                        gaps += o.criteria.iter().map(|c| c.gaps.len()).sum::<usize>();
                        kader_fuzz::gap_texts_parse(&o);
                    }
                }
                let lshape = Shape {
                    id: "lay",
                    extends: Some("base"),
                    prefix: "l",
                    messy: false,
                };
                if let Ok(layer) = kader_fuzz::framework(&mut u, &lshape, Some(&base)) {
                    let r = kader::MemoryResolver::new().with("base", "base.kader", &base.source);
                    match kader::Framework::compile_with(&layer.source, "lay.kader", &r) {
                        Ok(_) => layered += 1,
                        Err(d) => {
                            let rec = d.to_records("lay.kader", &layer.source);
                            if let Some(r) = rec.first() {
                                *first_error
                                    .entry(format!(
                                        "layer {} {}",
                                        r.code,
                                        r.message.chars().take(50).collect::<String>()
                                    ))
                                    .or_insert(0) += 1;
                            }
                        }
                    }
                }
            }
            Err(d) => {
                let rec = d.to_records("f.kader", &base.source);
                if let Some(r) = rec.first() {
                    *first_error
                        .entry(format!(
                            "{} {}",
                            r.code,
                            r.message.chars().take(50).collect::<String>()
                        ))
                        .or_insert(0) += 1;
                }
                if i < 2 && std::env::var_os("SHOW").is_some() {
                    eprintln!(
                        "{}\n{}",
                        base.source,
                        d.render("f.kader", &base.source, false)
                    );
                }
            }
        }
    }
    // The gap-text and format differentials on the same kind of input.
    let (mut conditions, mut formatted) = (0, 0);
    for i in 0..n {
        let data = bytes(200 + i % 400);
        let mut u = Unstructured::new(&data);
        let scope = kader_fuzz::small_scope();
        let exprs = kader_fuzz::Exprs {
            scope: &scope,
            layout: kader_fuzz::Layout { messy: false },
        };
        if let Ok(condition) = exprs.cond(&mut u, 4) {
            if let Ok(fw) = kader::Framework::compile(&kader_fuzz::one_requirement(&condition)) {
                conditions += 1;
                let written = kader_fuzz::parse_condition(&condition).expect("parses");
                if let Ok(text) = kader_fuzz::evidence(&mut u, &scope) {
                    if let Ok(e) = kader::Evidence::from_json(&fw, &text) {
                        for c in fw.decide(&e, kader::Stage::Intake).explain().outcome.criteria {
                            for g in c.gaps {
                                kader_fuzz::reads_back(&condition, &written, &g.expected);
                            }
                        }
                    }
                }
            }
        }
        let mut u = Unstructured::new(&data);
        let shape = Shape {
            id: "f",
            extends: None,
            prefix: "",
            messy: true,
        };
        if let Ok(g) = kader_fuzz::framework(&mut u, &shape, None) {
            if let Ok(f) = kader::format::format(&g.source) {
                if kader::Framework::compile(&f).is_ok() {
                    formatted += 1;
                }
            }
        }
    }
    println!("{conditions} conditions compile, {formatted} messy frameworks format and compile");
    println!("{n} generated: {compiled} compile, {loaded} evidence loads, {layered} layers compile, {gaps} gaps");
    let mut errors: Vec<_> = first_error.into_iter().collect();
    errors.sort_by_key(|e| std::cmp::Reverse(e.1));
    for (e, count) in errors.iter().take(15) {
        println!("{count:6} {e}");
    }
}
