//! Attribution accuracy against a gold directory in the PolNeAR layout:
//! `DIR/text/<doc>.txt` and `DIR/attributions/<doc>_<annotator>.ann`; the
//! alphabetically first `.ann` of a document is used.
//!
//! The figures (definitions in [`super`]) are summed over documents: every
//! one is a micro-average over the whole directory.
//!
//! Direct vs indirect: an attribution is direct when its normalised content
//! is bordered by a quotation mark ([`normalize::is_direct`]), for gold and
//! predictions alike. A matched pair counts in the class of its gold item;
//! an unmatched prediction in its own class. For the exact split, a unit is
//! direct when any attribution it belongs to is direct.

use super::chars::{CharIndex, char_len, word_tokens};
use super::metrics::{Counts, greedy_match};
use super::normalize::{self, normalize};
use super::univocal::Projection;
use super::{EvalError, brat, read_text};
use crate::{Analysis, Attribution, RuleSet, Span};
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

/// The three scored roles, in report order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum RoleName {
    Source,
    Cue,
    Content,
}

impl RoleName {
    pub const ALL: [RoleName; 3] = [RoleName::Source, RoleName::Cue, RoleName::Content];
    pub fn as_str(&self) -> &'static str {
        match self {
            RoleName::Source => "source",
            RoleName::Cue => "cue",
            RoleName::Content => "content",
        }
    }
}

/// The raw spans (byte offsets) of one attribution, gold or predicted.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct AttributionSpans {
    /// `None` when the attribution has no source.
    pub source: Option<Vec<Span>>,
    pub cue: Vec<Span>,
    pub content: Vec<Span>,
    /// The line of the gold event in its `.ann` file; 0 for predictions.
    pub line: usize,
}

impl AttributionSpans {
    pub fn from_attribution(a: &Attribution) -> Self {
        AttributionSpans {
            source: a.source.as_ref().map(|r| r.spans.clone()),
            cue: a.cue.spans.clone(),
            content: a.content.spans.clone(),
            line: 0,
        }
    }
}

/// One attribution after normalisation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Normalized {
    /// Fragments per role, in [`RoleName::ALL`] order; an absent source (or
    /// one that normalises to nothing) is empty.
    pub roles: [Vec<Span>; 3],
    pub direct: bool,
    /// See [`AttributionSpans::line`].
    pub line: usize,
}

impl Normalized {
    pub fn new(text: &str, a: &AttributionSpans) -> Self {
        let content = normalize(text, &a.content);
        Normalized {
            roles: [
                a.source
                    .as_deref()
                    .map(|s| normalize(text, s))
                    .unwrap_or_default(),
                normalize(text, &a.cue),
                content.clone(),
            ],
            direct: normalize::is_direct(text, &content),
            line: a.line,
        }
    }
    pub fn role(&self, r: RoleName) -> &[Span] {
        &self.roles[r as usize]
    }
    pub fn has_source(&self) -> bool {
        !self.roles[0].is_empty()
    }
}

/// A gold document.
#[derive(Debug, Clone)]
pub struct GoldDocument {
    /// The document name (`<doc>` in `text/<doc>.txt`).
    pub name: String,
    pub text: String,
    /// The `.ann` file used.
    pub ann: PathBuf,
    pub attributions: Vec<AttributionSpans>,
}

fn list(dir: &Path, ext: &str) -> Result<Vec<(String, PathBuf)>, EvalError> {
    let entries = std::fs::read_dir(dir).map_err(|e| EvalError::io(dir, e))?;
    let mut out = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|e| EvalError::io(dir, e))?;
        let path = entry.path();
        if path.extension().is_some_and(|e| e == ext)
            && let Some(stem) = path.file_stem().and_then(|s| s.to_str())
        {
            out.push((stem.to_string(), path));
        }
    }
    out.sort();
    Ok(out)
}

/// Reads a gold directory: every `text/<doc>.txt` with the alphabetically
/// first `attributions/<doc>_<annotator>.ann`, in document name order.
pub fn load_gold(dir: &Path) -> Result<Vec<GoldDocument>, EvalError> {
    if !dir.is_dir() {
        return Err(EvalError::layout(dir, "not a directory"));
    }
    let texts = list(&dir.join("text"), "txt")?;
    let anns = list(&dir.join("attributions"), "ann")?;
    // `anns` is sorted, so the first file seen for a document is the one used.
    let mut first: HashMap<&str, &Path> = HashMap::new();
    for (stem, path) in &anns {
        let Some((doc, _annotator)) = stem.rsplit_once('_') else {
            return Err(EvalError::layout(
                path,
                "annotation file name is not <doc>_<annotator>.ann",
            ));
        };
        first.entry(doc).or_insert(path);
    }
    if texts.is_empty() {
        return Err(EvalError::layout(dir.join("text"), "no .txt files"));
    }
    let mut docs = Vec::with_capacity(texts.len());
    for (name, path) in &texts {
        let Some(ann) = first.remove(name.as_str()) else {
            return Err(EvalError::layout(
                path,
                format!("no annotation file attributions/{name}_<annotator>.ann"),
            ));
        };
        let text = read_text(path)?;
        let index = CharIndex::new(&text);
        let attributions = brat::read(ann, &text, &index)?;
        docs.push(GoldDocument {
            name: name.clone(),
            text,
            ann: ann.to_path_buf(),
            attributions,
        });
    }
    if let Some(path) = first.into_values().min() {
        return Err(EvalError::layout(path, "no matching text/<doc>.txt"));
    }
    Ok(docs)
}

/// The counts of one split (direct or indirect quotes).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Split {
    pub relation: Counts,
    pub exact: [Counts; 3],
}

impl Split {
    pub fn exact_overall(&self) -> Counts {
        Counts::sum(&self.exact)
    }
    fn add(&mut self, o: &Split) {
        self.relation.add(o.relation);
        for (a, b) in self.exact.iter_mut().zip(&o.exact) {
            a.add(*b);
        }
    }
}

/// Every count of one document or of a whole directory.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    pub exact: [Counts; 3],
    pub overlap: [Counts; 3],
    pub token: [Counts; 3],
    pub relation: Counts,
    pub direct: Split,
    pub indirect: Split,
    pub gold_attributions: usize,
    pub predicted_attributions: usize,
}

/// A span metric: exact, overlap or token.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Metric {
    Exact,
    Overlap,
    Token,
}

impl Metric {
    pub const ALL: [Metric; 3] = [Metric::Exact, Metric::Overlap, Metric::Token];
    pub fn as_str(&self) -> &'static str {
        match self {
            Metric::Exact => "exact",
            Metric::Overlap => "overlap",
            Metric::Token => "token",
        }
    }
}

impl Tally {
    pub fn roles(&self, m: Metric) -> &[Counts; 3] {
        match m {
            Metric::Exact => &self.exact,
            Metric::Overlap => &self.overlap,
            Metric::Token => &self.token,
        }
    }
    /// The micro-average over the three roles.
    pub fn overall(&self, m: Metric) -> Counts {
        Counts::sum(self.roles(m))
    }
    pub fn add(&mut self, o: &Tally) {
        for m in Metric::ALL {
            let src = *o.roles(m);
            let dst = match m {
                Metric::Exact => &mut self.exact,
                Metric::Overlap => &mut self.overlap,
                Metric::Token => &mut self.token,
            };
            for (a, b) in dst.iter_mut().zip(src) {
                a.add(b);
            }
        }
        self.relation.add(o.relation);
        self.direct.add(&o.direct);
        self.indirect.add(&o.indirect);
        self.gold_attributions += o.gold_attributions;
        self.predicted_attributions += o.predicted_attributions;
    }
}

/// How a span unit went wrong.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SpanErrorKind {
    /// A gold unit no prediction overlaps.
    Missed,
    /// A predicted unit no gold unit overlaps.
    FalseAlarm,
    /// Overlapping gold and predicted units with different boundaries.
    Boundary,
}

/// A wrong span unit of one role.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SpanError {
    pub role: RoleName,
    pub kind: SpanErrorKind,
    pub gold: Option<Span>,
    pub predicted: Option<Span>,
}

/// An attribution the relation metric did not match.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RelationError {
    /// A gold attribution with no prediction sharing its cue.
    Missed(Normalized),
    /// A prediction with no gold attribution sharing its cue.
    FalseAlarm(Normalized),
    /// Gold and predicted attributions whose cues overlap but whose
    /// contents or sources do not agree.
    Mismatch {
        gold: Normalized,
        predicted: Normalized,
    },
}

impl RelationError {
    /// Where the error is, for sorting.
    pub fn position(&self) -> usize {
        let n = match self {
            RelationError::Missed(n) | RelationError::FalseAlarm(n) => n,
            RelationError::Mismatch { gold, .. } => gold,
        };
        n.roles.iter().flatten().map(|s| s.start).min().unwrap_or(0)
    }
}

/// The errors of one document, in text order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DocErrors {
    pub spans: Vec<SpanError>,
    pub relations: Vec<RelationError>,
}

/// The evaluation of one document.
#[derive(Debug, Clone)]
pub struct DocResult {
    pub name: String,
    pub tally: Tally,
    /// Present when errors were asked for.
    pub errors: Option<DocErrors>,
}

/// The evaluation of a gold directory.
#[derive(Debug, Clone)]
pub struct Report {
    pub projection: Projection,
    pub documents: Vec<DocResult>,
    pub total: Tally,
}

/// Runs the engine on every document, projects its attributions and scores
/// them against the gold.
pub fn evaluate(
    docs: &[GoldDocument],
    rules: &RuleSet,
    projection: Projection,
    with_errors: bool,
) -> Report {
    let mut documents = Vec::with_capacity(docs.len());
    let mut total = Tally::default();
    for doc in docs {
        let analysis: Analysis = crate::analyze::analyze(&doc.text, rules);
        let mut analysis = projection.apply_to(analysis, &doc.text);
        super::univocal::widen_cues(&mut analysis, &doc.text, rules);
        let predicted: Vec<AttributionSpans> = analysis
            .attributions
            .iter()
            .map(AttributionSpans::from_attribution)
            .collect();
        let (tally, errors) = score_document(&doc.text, &doc.attributions, &predicted, with_errors);
        total.add(&tally);
        documents.push(DocResult {
            name: doc.name.clone(),
            tally,
            errors,
        });
    }
    Report {
        projection,
        documents,
        total,
    }
}

/// The distinct units of one role, each with its direct flag (direct if any
/// attribution it belongs to is direct), in text order.
fn units(atts: &[Normalized], r: RoleName) -> Vec<(Span, bool)> {
    let mut map: BTreeMap<Span, bool> = BTreeMap::new();
    for a in atts {
        for s in a.role(r) {
            *map.entry(*s).or_default() |= a.direct;
        }
    }
    map.into_iter().collect()
}

/// Characters shared by two spans.
fn shared(text: &str, a: Span, b: Span) -> usize {
    let s = Span::new(
        a.start.max(b.start),
        a.end.min(b.end).max(a.start.max(b.start)),
    );
    if s.is_empty() { 0 } else { char_len(text, s) }
}

/// Characters shared by two fragment lists.
fn shared_all(text: &str, a: &[Span], b: &[Span]) -> usize {
    let mut n = 0;
    for x in a {
        for y in b {
            if x.overlaps(*y) {
                n += shared(text, *x, *y);
            }
        }
    }
    n
}

/// Which word tokens a fragment list overlaps.
fn mark_tokens(tokens: &[Span], frags: &[Span], marks: &mut [bool]) {
    for f in frags {
        let first = tokens.partition_point(|t| t.end <= f.start);
        for (i, t) in tokens.iter().enumerate().skip(first) {
            if t.start >= f.end {
                break;
            }
            marks[i] = true;
        }
    }
}

/// Scores one document's predicted attributions against its gold ones.
pub fn score_document(
    text: &str,
    gold: &[AttributionSpans],
    predicted: &[AttributionSpans],
    with_errors: bool,
) -> (Tally, Option<DocErrors>) {
    let gold: Vec<Normalized> = gold.iter().map(|a| Normalized::new(text, a)).collect();
    let pred: Vec<Normalized> = predicted.iter().map(|a| Normalized::new(text, a)).collect();
    let mut t = Tally {
        gold_attributions: gold.len(),
        predicted_attributions: pred.len(),
        ..Tally::default()
    };
    let mut errors = with_errors.then(DocErrors::default);
    let tokens = word_tokens(text);

    for r in RoleName::ALL {
        let i = r as usize;
        let g = units(&gold, r);
        let p = units(&pred, r);

        // exact
        let mut ex = Counts::new(0, p.len(), g.len());
        let mut dir = Counts::default();
        let mut ind = Counts::default();
        let mut pi = 0;
        let mut exact_pred = vec![false; p.len()];
        for &(gs, gd) in &g {
            let split = if gd { &mut dir } else { &mut ind };
            split.gold += 1;
            while pi < p.len() && p[pi].0 < gs {
                pi += 1;
            }
            if pi < p.len() && p[pi].0 == gs {
                ex.matched += 1;
                split.matched += 1;
                split.predicted += 1;
                exact_pred[pi] = true;
            }
        }
        for (k, &(_, pd)) in p.iter().enumerate() {
            if !exact_pred[k] {
                if pd { &mut dir } else { &mut ind }.predicted += 1;
            }
        }
        t.exact[i] = ex;
        t.direct.exact[i] = dir;
        t.indirect.exact[i] = ind;

        // overlap
        let pairs = greedy_match(g.len(), p.len(), |a, b| {
            if g[a].0.overlaps(p[b].0) {
                shared(text, g[a].0, p[b].0)
            } else {
                0
            }
        });
        let matched = pairs.iter().flatten().count();
        t.overlap[i] = Counts::new(matched, p.len(), g.len());
        if let Some(errors) = errors.as_mut() {
            let mut taken = vec![false; p.len()];
            for (a, m) in pairs.iter().enumerate() {
                match m {
                    Some(b) => {
                        taken[*b] = true;
                        if g[a].0 != p[*b].0 {
                            errors.spans.push(SpanError {
                                role: r,
                                kind: SpanErrorKind::Boundary,
                                gold: Some(g[a].0),
                                predicted: Some(p[*b].0),
                            });
                        }
                    }
                    None => errors.spans.push(SpanError {
                        role: r,
                        kind: SpanErrorKind::Missed,
                        gold: Some(g[a].0),
                        predicted: None,
                    }),
                }
            }
            for (b, _) in taken.iter().enumerate().filter(|(_, t)| !**t) {
                errors.spans.push(SpanError {
                    role: r,
                    kind: SpanErrorKind::FalseAlarm,
                    gold: None,
                    predicted: Some(p[b].0),
                });
            }
        }

        // token
        let mut gm = vec![false; tokens.len()];
        let mut pm = vec![false; tokens.len()];
        for a in &gold {
            mark_tokens(&tokens, a.role(r), &mut gm);
        }
        for a in &pred {
            mark_tokens(&tokens, a.role(r), &mut pm);
        }
        let both = gm.iter().zip(&pm).filter(|(a, b)| **a && **b).count();
        let count = |m: &[bool]| m.iter().filter(|x| **x).count();
        t.token[i] = Counts::new(both, count(&pm), count(&gm));
    }

    // relation
    let agree = |g: &Normalized, p: &Normalized| -> usize {
        let cue = shared_all(text, g.role(RoleName::Cue), p.role(RoleName::Cue));
        let content = shared_all(text, g.role(RoleName::Content), p.role(RoleName::Content));
        if cue == 0 || content == 0 {
            return 0;
        }
        match (g.has_source(), p.has_source()) {
            (false, false) => cue + content,
            (true, true) => {
                let s = shared_all(text, g.role(RoleName::Source), p.role(RoleName::Source));
                if s == 0 { 0 } else { cue + content + s }
            }
            _ => 0,
        }
    };
    let pairs = greedy_match(gold.len(), pred.len(), |a, b| agree(&gold[a], &pred[b]));
    let mut taken = vec![false; pred.len()];
    for (a, m) in pairs.iter().enumerate() {
        let split = if gold[a].direct {
            &mut t.direct
        } else {
            &mut t.indirect
        };
        split.relation.gold += 1;
        if let Some(b) = m {
            taken[*b] = true;
            t.relation.matched += 1;
            split.relation.matched += 1;
            split.relation.predicted += 1;
        }
    }
    for (b, p) in pred.iter().enumerate() {
        if !taken[b] {
            if p.direct {
                &mut t.direct
            } else {
                &mut t.indirect
            }
            .relation
            .predicted += 1;
        }
    }
    t.relation.gold = gold.len();
    t.relation.predicted = pred.len();

    if let Some(errors) = errors.as_mut() {
        let missed: Vec<usize> = (0..gold.len()).filter(|a| pairs[*a].is_none()).collect();
        let extra: Vec<usize> = (0..pred.len()).filter(|b| !taken[*b]).collect();
        let by_cue = greedy_match(missed.len(), extra.len(), |a, b| {
            shared_all(
                text,
                gold[missed[a]].role(RoleName::Cue),
                pred[extra[b]].role(RoleName::Cue),
            )
        });
        let mut used = vec![false; extra.len()];
        for (a, m) in by_cue.iter().enumerate() {
            let g = gold[missed[a]].clone();
            errors.relations.push(match m {
                Some(b) => {
                    used[*b] = true;
                    RelationError::Mismatch {
                        gold: g,
                        predicted: pred[extra[*b]].clone(),
                    }
                }
                None => RelationError::Missed(g),
            });
        }
        for (b, &k) in extra.iter().enumerate() {
            if !used[b] {
                errors
                    .relations
                    .push(RelationError::FalseAlarm(pred[k].clone()));
            }
        }
        errors.relations.sort_by_key(|e| e.position());
        errors.spans.sort_by_key(|e| {
            let at = e.gold.or(e.predicted).map(|s| s.start).unwrap_or(0);
            (at, e.role)
        });
    }
    (t, errors)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Byte span of the `n`th (0-based) occurrence of `piece` in `text`.
    fn at(text: &str, piece: &str, n: usize) -> Span {
        let start = text.match_indices(piece).nth(n).unwrap().0;
        Span::new(start, start + piece.len())
    }

    fn att(text: &str, source: Option<&str>, cue: &str, content: &[&str]) -> AttributionSpans {
        AttributionSpans {
            source: source.map(|s| vec![at(text, s, 0)]),
            cue: vec![at(text, cue, 0)],
            content: content.iter().map(|c| at(text, c, 0)).collect(),
            line: 0,
        }
    }

    const TEXT: &str =
        "“We will win,” Pence said. Critics said that the plan would fail. Polls: close.";

    fn gold() -> Vec<AttributionSpans> {
        vec![
            att(TEXT, Some("Pence"), "said", &["“We will win,”"]),
            att(TEXT, Some("Critics"), "said that", &["the plan would fail"]),
            att(TEXT, None, ":", &["close."]),
        ]
    }

    #[test]
    fn perfect_predictions_score_one_everywhere() {
        let (t, _) = score_document(TEXT, &gold(), &gold(), false);
        for m in Metric::ALL {
            assert_eq!(t.overall(m).f1(), 1.0, "{m:?}");
        }
        assert_eq!(t.relation, Counts::new(3, 3, 3));
        assert_eq!(t.direct.relation, Counts::new(1, 1, 1));
        assert_eq!(t.indirect.relation, Counts::new(2, 2, 2));
    }

    #[test]
    fn exact_compares_normalised_boundaries() {
        // Quote marks and commas left out: same units after normalisation.
        let mut p = gold();
        p[0].content = vec![at(TEXT, "We will win", 0)];
        let (t, _) = score_document(TEXT, &gold(), &p, false);
        assert_eq!(t.exact[2], Counts::new(3, 3, 3));
        // `that` in the gold cue: predicting `said` alone is an exact miss,
        // an overlap hit, and 1 of 2 tokens.
        p[1].cue = vec![at(TEXT, "said", 1)];
        let (t, errs) = score_document(TEXT, &gold(), &p, true);
        // Pence's `said` and Critics' `said` are distinct units.
        assert_eq!(t.exact[1], Counts::new(2, 3, 3));
        assert_eq!(t.overlap[1], Counts::new(3, 3, 3));
        assert_eq!(t.token[1], Counts::new(2, 2, 3));
        let errs = errs.unwrap();
        assert_eq!(errs.spans.len(), 1);
        assert_eq!(errs.spans[0].kind, SpanErrorKind::Boundary);
        assert_eq!(errs.spans[0].role, RoleName::Cue);
    }

    #[test]
    fn shared_sources_count_once() {
        let text = "Smith said A. Smith said B.";
        let g = vec![
            att(text, Some("Smith"), "said", &["A"]),
            AttributionSpans {
                source: Some(vec![at(text, "Smith", 0)]),
                cue: vec![at(text, "said", 1)],
                content: vec![at(text, "B", 0)],
                line: 0,
            },
        ];
        let (t, _) = score_document(text, &g, &g[..1], false);
        assert_eq!(t.exact[0], Counts::new(1, 1, 1));
        assert_eq!(t.exact[1], Counts::new(1, 1, 2));
    }

    #[test]
    fn overlap_pairs_one_to_one() {
        // One long prediction over two gold contents matches only one.
        let text = "He said A and B, and C.";
        let g = vec![
            att(text, Some("He"), "said", &["A and B"]),
            att(text, Some("He"), "said", &["C"]),
        ];
        let mut whole = g[0].clone();
        whole.content = vec![Span::new(8, 22)];
        let (t, errs) = score_document(text, &g, &[whole], true);
        assert_eq!(t.overlap[2], Counts::new(1, 1, 2));
        assert_eq!(t.exact[2], Counts::new(0, 1, 2));
        let kinds: Vec<_> = errs
            .unwrap()
            .spans
            .iter()
            .filter(|e| e.role == RoleName::Content)
            .map(|e| e.kind)
            .collect();
        assert_eq!(kinds, [SpanErrorKind::Boundary, SpanErrorKind::Missed]);
    }

    #[test]
    fn relation_needs_agreeing_sources() {
        let mut p = gold();
        // A source where gold has none: no match.
        p[2].source = Some(vec![at(TEXT, "Polls", 0)]);
        // A different source: no match.
        p[1].source = Some(vec![at(TEXT, "plan", 0)]);
        // An overlapping source and partial content: a match.
        p[0].source = Some(vec![Span::new(
            at(TEXT, "Pence", 0).start,
            at(TEXT, "said", 0).end,
        )]);
        p[0].content = vec![at(TEXT, "win", 0)];
        let (t, errs) = score_document(TEXT, &gold(), &p, true);
        assert_eq!(t.relation, Counts::new(1, 3, 3));
        let errs = errs.unwrap();
        assert_eq!(errs.relations.len(), 2);
        assert!(matches!(errs.relations[0], RelationError::Mismatch { .. }));
        // Nothing predicted.
        let (t, errs) = score_document(TEXT, &gold(), &[], true);
        assert_eq!(t.relation, Counts::new(0, 0, 3));
        assert!(matches!(
            errs.unwrap().relations[0],
            RelationError::Missed(_)
        ));
        let (t, errs) = score_document(TEXT, &[], &gold(), true);
        assert_eq!(t.relation, Counts::new(0, 3, 0));
        assert!(matches!(
            errs.unwrap().relations[0],
            RelationError::FalseAlarm(_)
        ));
    }

    #[test]
    fn token_metric_counts_token_role_pairs() {
        let text = "Critics said that the plan would fail.";
        let g = vec![att(
            text,
            Some("Critics"),
            "said",
            &["that the plan would fail"],
        )];
        let p = vec![att(text, Some("Critics said"), "said", &["the plan would"])];
        let (t, _) = score_document(text, &g, &p, false);
        assert_eq!(t.token[0], Counts::new(1, 2, 1));
        assert_eq!(t.token[1], Counts::new(1, 1, 1));
        assert_eq!(t.token[2], Counts::new(3, 3, 5));
        assert_eq!(t.overall(Metric::Token), Counts::new(5, 6, 7));
    }

    #[test]
    fn direct_split_follows_the_gold_class_of_matched_pairs() {
        let (t, _) = score_document(TEXT, &gold(), &gold()[..1], false);
        assert_eq!(t.direct.relation, Counts::new(1, 1, 1));
        assert_eq!(t.indirect.relation, Counts::new(0, 0, 2));
        assert_eq!(t.direct.exact[2], Counts::new(1, 1, 1));
        assert_eq!(t.indirect.exact[2], Counts::new(0, 0, 2));
    }
}
