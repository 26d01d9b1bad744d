//! One test per form of attribution the engine must detect, on sentences
//! written for these tests (issue #2's list, in its order).

use claimtrace::{Analysis, Attribution, HedgeLevel, Kind, SourceType};

fn analyze(text: &str) -> Analysis {
    claimtrace::analyze(text)
}

/// The attribution with this cue text, or a panic listing what was found.
fn by_cue<'a>(analysis: &'a Analysis, cue: &str) -> &'a Attribution {
    analysis
        .attributions
        .iter()
        .find(|a| a.cue.text.eq_ignore_ascii_case(cue))
        .unwrap_or_else(|| {
            let found: Vec<_> = analysis
                .attributions
                .iter()
                .map(|a| {
                    (
                        &a.cue.text,
                        a.source.as_ref().map(|s| &s.text),
                        &a.content.text,
                    )
                })
                .collect();
            panic!("no cue {cue:?}; found {found:?}")
        })
}

fn source(a: &Attribution) -> &str {
    a.source.as_ref().map_or("", |s| s.text.as_str())
}

#[test]
fn according_to_in_both_orders_and_its_variants() {
    let a = analyze("The bridge will reopen in June, according to city engineers.");
    let x = by_cue(&a, "according to");
    assert_eq!(
        (source(x), x.content.text.as_str()),
        ("city engineers", "The bridge will reopen in June")
    );
    assert_eq!(x.kind, Kind::AccordingTo);
    let a = analyze("According to officials, the bridge will reopen in June.");
    let x = by_cue(&a, "according to");
    assert_eq!(
        (source(x), x.content.text.as_str()),
        ("officials", "the bridge will reopen in June")
    );
    let a = analyze("Exports fell by a third, as reported by the trade ministry.");
    assert_eq!(source(by_cue(&a, "as reported by")), "the trade ministry");
    let a = analyze("In the words of one engineer, the bridge was never safe.");
    assert_eq!(source(by_cue(&a, "in the words of")), "one engineer");
    let a = analyze("Exports fell by a third, the paper reported, citing customs data.");
    let x = by_cue(&a, "citing");
    assert_eq!(
        (source(x), x.content.text.as_str()),
        ("customs data", "Exports fell by a third")
    );
}

#[test]
fn subject_verb_content_in_every_tense_with_or_without_that() {
    for (text, cue) in [
        ("Economists say the recovery has stalled.", "say"),
        ("The central bank said that rates would stay high.", "said"),
        ("The mayor has said the budget is balanced.", "has said"),
        (
            "The coach had told the players that the season was over.",
            "had told",
        ),
        ("The minister will say the economy is growing.", "will say"),
        (
            "The union is saying that the offer is too low.",
            "is saying",
        ),
        ("Doctors believe the outbreak has peaked.", "believe"),
        ("Investors expect the merger to close in May.", "expect"),
        ("Engineers warn that the dam could fail.", "warn"),
        ("The company denied that it had misled investors.", "denied"),
        (
            "The senator confirmed that she would run again.",
            "confirmed",
        ),
        ("The defendant insisted he was innocent.", "insisted"),
        ("The lawyers argue the law is unconstitutional.", "argue"),
        (
            "The airline acknowledged that flights were delayed.",
            "acknowledged",
        ),
        (
            "The Gazette has learned that the contract was cancelled.",
            "has learned",
        ),
    ] {
        let a = analyze(text);
        let x = by_cue(&a, cue);
        assert!(!source(x).is_empty(), "{text}: no source");
        assert!(!x.content.text.is_empty(), "{text}: no content");
    }
    let a = analyze("Qatari authorities announced they would reassess their role.");
    let x = by_cue(&a, "announced");
    assert_eq!(x.content.text, "they would reassess their role");
    assert_eq!(x.source_type, SourceType::Official);
    assert_eq!(x.hedge.level, HedgeLevel::None, "future-in-the-past would");
}

#[test]
fn inverted_and_trailing_cues() {
    let a = analyze("The talks will resume next week, the official said.");
    let x = by_cue(&a, "said");
    assert_eq!(
        (source(x), x.content.text.as_str()),
        ("the official", "The talks will resume next week")
    );
    let a = analyze("The plan is dead, said Senator Mary Jones.");
    assert_eq!(source(by_cue(&a, "said")), "Senator Mary Jones");
    let a = analyze("Prices will keep rising, Smith added.");
    assert_eq!(source(by_cue(&a, "added")), "Smith");
    let a = analyze("Smith said the talks had failed, adding that a deal was still possible.");
    let said = by_cue(&a, "said");
    assert_eq!(said.content.text, "the talks had failed");
    let adding = by_cue(&a, "adding");
    assert_eq!(
        (source(adding), adding.content.text.as_str()),
        ("Smith", "that a deal was still possible")
    );
}

/// A cue inside a relative clause set off by commas reports no further
/// than the clause; a quotation closed right after its comma keeps its
/// closing mark (rule examples compare contents without edge quotes).
#[test]
fn a_relative_clause_closes_its_content() {
    let a = analyze("Ana Ruiz, who calls the levy a “mistake,” said she would vote against it.");
    assert_eq!(by_cue(&a, "calls").content.text, "the levy a “mistake,”");
    assert_eq!(source(by_cue(&a, "said")), "Ana Ruiz");
    let a = analyze("Ana Ruiz, who calls the levy a mistake, said she would vote against it.");
    assert_eq!(by_cue(&a, "calls").content.text, "the levy a mistake");
}

#[test]
fn direct_quotes_in_every_arrangement() {
    let a = analyze("“We will not back down,” he said.");
    assert_eq!(by_cue(&a, "said").kind, Kind::Direct);
    let a = analyze("She said: “We are ready to talk.”");
    let x = by_cue(&a, "said");
    assert_eq!(
        (x.kind, x.content.text.as_str()),
        (Kind::Direct, "We are ready to talk")
    );
    let a = analyze("\"The numbers are clear,\" said the minister.");
    assert_eq!(source(by_cue(&a, "said")), "the minister");
    // Multi-sentence, interrupted and continued quotes are one claim in pieces.
    let a = analyze("“The plan works. It saved money,” she said. “We will expand it.”");
    let x = by_cue(&a, "said");
    assert_eq!(x.content.spans.len(), 2, "{:?}", x.content.text);
    // A quote running over two paragraphs.
    let a = analyze("“The first part of the statement.\n\n“The second part,” the mayor said.");
    let x = by_cue(&a, "said");
    assert_eq!(x.content.spans.len(), 2);
    assert!(x.content.text.starts_with("The first part"));
    // A paraphrase with a quoted fragment.
    let a = analyze("Smith said the plan was “a gift to polluters” and should be dropped.");
    assert_eq!(by_cue(&a, "said").kind, Kind::Mixed);
}

#[test]
fn noun_cues() {
    let a = analyze("Shares fell amid reports that the chief executive would resign.");
    let x = by_cue(&a, "reports");
    assert_eq!((x.kind, x.source.is_none()), (Kind::Noun, true));
    assert_eq!(x.content.text, "that the chief executive would resign");
    let a = analyze("The two men met, according to reports which indicate a deal is near.");
    let x = by_cue(&a, "indicate");
    assert_eq!((source(x), x.hedge.level), ("reports", HedgeLevel::Low));
    let a = analyze("The company said in a statement that profits fell.");
    assert_eq!(
        a.attributions.len(),
        1,
        "the statement is not a second claim"
    );
    let a = analyze("Smith said in an interview with the Herald that he would stay.");
    assert_eq!(
        by_cue(&a, "said in an interview").content.text,
        "that he would stay"
    );
    let a = analyze("The report said emissions had doubled.");
    assert_eq!(by_cue(&a, "said").source_type, SourceType::Document);
}

#[test]
fn nested_attribution_is_a_chain() {
    let a = analyze(
        "The state broadcaster RTV said Prime Minister Ana Lind told lawmakers that taxes would rise.",
    );
    let outer = by_cue(&a, "said");
    let inner = by_cue(&a, "told");
    assert_eq!(outer.chain, ["RTV"]);
    assert_eq!(inner.chain, ["RTV", "Ana Lind"]);
    assert_eq!(inner.parent.as_deref(), Some(outer.id.as_str()));
}

/// "“X,” Ruiz said, according to a transcript": the transcript reports
/// that Ruiz said it, so its content holds her attribution, and her chain
/// starts with it.
#[test]
fn according_to_after_an_attribution_holds_it() {
    let a = analyze("“The bridge is safe,” Ana Ruiz said, according to a city transcript.");
    let outer = by_cue(&a, "according to");
    let inner = by_cue(&a, "said");
    assert_eq!(outer.content.text, "“The bridge is safe,” Ana Ruiz said");
    assert_eq!(inner.chain, ["a city transcript", "Ana Ruiz"]);
}

#[test]
fn agentless_attribution() {
    for (text, cue) in [
        (
            "It is believed that the ship sank in the storm.",
            "is believed",
        ),
        (
            "It was reported that the embassy had closed.",
            "was reported",
        ),
        ("The general is said to have fled the capital.", "is said"),
    ] {
        let a = analyze(text);
        let x = by_cue(&a, cue);
        assert_eq!(
            (x.kind, x.source.is_none(), x.source_type),
            (Kind::Agentless, true, SourceType::Vague),
            "{text}"
        );
    }
}

#[test]
fn sources_noun_phrases_pronouns_and_entities() {
    // The source and its entity. A relative clause describes the source,
    // and is its too; the entity is the name or description before it.
    for (text, want_source, want_entity) in [
        (
            "Erdogan's top diplomat, Hakan Fidan, said the talks were useful.",
            "Erdogan's top diplomat, Hakan Fidan",
            "Hakan Fidan",
        ),
        (
            "Smith, who heads the panel, said the vote would be delayed.",
            "Smith, who heads the panel",
            "Smith",
        ),
        (
            "An official who relayed the exchange said the vote would be delayed.",
            "An official who relayed the exchange",
            "An official",
        ),
    ] {
        let a = analyze(text);
        let x = by_cue(&a, "said");
        assert_eq!(
            (source(x), x.entity.as_deref()),
            (want_source, Some(want_entity)),
            "{text}"
        );
    }
    // Not when the cue is the clause's second verb.
    let a = analyze("It was a lawyer who met the family and said the case was weak.");
    assert_eq!(source(by_cue(&a, "said")), "a lawyer");
    // One that holds a cue of its own is another attribution.
    let a = analyze("Smith, who told reporters he was tired, said the vote would be delayed.");
    assert_eq!(source(by_cue(&a, "said")), "Smith");
    let text = "Finance Minister Lena Okafor presented the budget. Okafor said it was balanced. \
                She added that taxes would not rise. The finance minister told reporters the deficit had fallen.";
    let a = analyze(text);
    for cue in ["said", "added", "told"] {
        assert_eq!(
            by_cue(&a, cue).entity.as_deref(),
            Some("Lena Okafor"),
            "{cue}"
        );
    }
    let a = analyze(
        "A senior port official confirmed the closure. No ship has left, the official said.",
    );
    assert_eq!(
        by_cue(&a, "said").entity.as_deref(),
        Some("A senior port official")
    );
}

#[test]
fn source_types() {
    for (text, want) in [
        ("Anna Berg said the plan would fail.", SourceType::Person),
        (
            "The ministry said prices would fall.",
            SourceType::Organization,
        ),
        (
            "Reuters reported that the deal was signed.",
            SourceType::Media,
        ),
        (
            "Qatari authorities said the talks would resume.",
            SourceType::Official,
        ),
        (
            "A senior State Department official said the trip was cancelled.",
            SourceType::Official,
        ),
        ("Sources say the deal is close.", SourceType::Anonymous),
        (
            "A source familiar with the talks said a deal was close.",
            SourceType::Anonymous,
        ),
        (
            "An official who spoke on condition of anonymity said the deal was close.",
            SourceType::Anonymous,
        ),
        ("Analysts say the reform will fail.", SourceType::Vague),
        ("Critics argue the law goes too far.", SourceType::Vague),
        (
            "A statement from the club said the coach had resigned.",
            SourceType::Document,
        ),
    ] {
        let a = analyze(text);
        assert_eq!(
            a.attributions.first().map(|x| x.source_type),
            Some(want),
            "{text}"
        );
    }
}

#[test]
fn hedging_levels_cues_boosters_and_negation() {
    let level = |text: &str| analyze(text).attributions[0].hedge.level;
    assert_eq!(level("Analysts say the deal is done."), HedgeLevel::None);
    assert_eq!(
        level("Critics say such a move would hurt exports."),
        HedgeLevel::Low
    );
    assert_eq!(
        level("Analysts say the deal could collapse."),
        HedgeLevel::Medium
    );
    assert_eq!(
        level("Analysts say the deal may possibly collapse."),
        HedgeLevel::High
    );
    assert_eq!(
        level("Officials said it was not certain the plan would work."),
        HedgeLevel::Medium
    );
    assert_eq!(
        level("The minister said the plan will certainly work."),
        HedgeLevel::None
    );
    assert_eq!(
        level("Experts say the city should act now."),
        HedgeLevel::None,
        "deontic should"
    );
    assert_eq!(
        level("Officials said the law took effect in May."),
        HedgeLevel::None,
        "May the month"
    );
    let a = analyze("Analysts say the deal could collapse.");
    let cues: Vec<_> = a.attributions[0]
        .hedge
        .cues
        .iter()
        .map(|c| c.text.as_str())
        .collect();
    assert_eq!(cues, ["could"]);
    let a = analyze("It is unclear whether the ceasefire will hold.");
    assert_eq!(a.unattributed[0].hedge.level, HedgeLevel::Medium);
}

#[test]
fn unattributed_claims_and_credits() {
    let text = "ANKARA (Reuters) - The central bank raised rates on Thursday.\n\n\
                The minister arrives at the summit. (Photo by Anadolu)\n\n\
                Inflation reached 60 percent last year. Analysts say it could fall.";
    let a = analyze(text);
    let credits: Vec<_> = a.credits.iter().map(|c| c.source.as_str()).collect();
    assert_eq!(credits, ["Reuters", "Anadolu"]);
    let claims: Vec<_> = a.unattributed.iter().map(|c| c.text.as_str()).collect();
    assert_eq!(
        claims,
        [
            "The central bank raised rates on Thursday",
            "Inflation reached 60 percent last year."
        ]
    );
}

#[test]
fn a_quotation_after_the_attributions_sentence_continues_it() {
    // The rest of the attribution's sentence (the occasion, the speaker's
    // description) stands between: the next sentence's quotation is more.
    let a = analyze(
        "“We should lay off him a little,” Reid told reporters in Washington. “He is a good man.”",
    );
    let x = by_cue(&a, "told");
    assert_eq!(
        x.content.text,
        "We should lay off him a little He is a good man"
    );
    // So does one that opens the next paragraph.
    let a = analyze("“We need real change,” he said.\n\n“But not change based on fear.”");
    assert_eq!(by_cue(&a, "said").content.spans.len(), 2);
    // Not when the rest of the sentence holds a quotation of its own, nor
    // when another cue stands between.
    let a = analyze("“It is over,” he said on “Meet the Press.” “We lost.”");
    assert_eq!(by_cue(&a, "said").content.spans.len(), 1);
    let a = analyze("“It is over,” he said, and Smith agreed. “We lost.”");
    assert_eq!(by_cue(&a, "said").content.spans.len(), 1);
}

#[test]
fn an_attribution_set_inside_its_content_keeps_the_rest() {
    let a = analyze(
        "If the province goes it alone, Mr. Finlayson argued, its mills would lose their markets.",
    );
    assert_eq!(
        by_cue(&a, "argued").content.text,
        "If the province goes it alone its mills would lose their markets"
    );
    let a = analyze("He may not electrify a room, they say, but he is still effective.");
    assert_eq!(by_cue(&a, "say").content.spans.len(), 2);
    // A participle that is a cue of its own is another attribution.
    let a = analyze("The talks will resume, the official said, adding that nothing was agreed.");
    assert_eq!(by_cue(&a, "said").content.text, "The talks will resume");
}
