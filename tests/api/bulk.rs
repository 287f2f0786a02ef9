//! The bulk engine against the stand-in: bounded concurrency, failures reported per employee,
//! cancel, and a session that ends mid-run, each checked on the server side.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use mobileconfig_admin::api::{ConfigSelection, Id};
use mobileconfig_admin::app::bulk::{BulkAction, BulkControl, BulkEvent, run};
use mobileconfig_admin::demo::{Fault, FaultRule, pairs};
use reqwest::Method;

use crate::common::{Env, FJORDHAVN, MANAGER, env};

fn targets(env: &Env, count: usize) -> Vec<Id> {
    env.colleagues(FJORDHAVN, &env.employee(MANAGER))
        .into_iter()
        .take(count)
        .collect()
}

fn selection(env: &Env) -> ConfigSelection {
    let people = env.colleagues(FJORDHAVN, &env.employee(MANAGER));
    ConfigSelection {
        colleagues: vec![people[50].clone(), people[51].clone()],
        queues: vec![env.queues(FJORDHAVN)[0].clone()],
    }
}

type Events = Arc<Mutex<Vec<BulkEvent>>>;

fn recorder() -> (Events, impl Fn(BulkEvent) + Send + Sync) {
    let events: Events = Arc::default();
    let sink = events.clone();
    (events, move |event| sink.lock().expect("events").push(event))
}

fn counts(events: &[BulkEvent]) -> (usize, usize, usize) {
    let mut counts = (0, 0, 0);
    for event in events {
        match event {
            BulkEvent::Finished { result: Ok(()), .. } => counts.0 += 1,
            BulkEvent::Finished { result: Err(_), .. } => counts.1 += 1,
            BulkEvent::NotAttempted { .. } => counts.2 += 1,
            BulkEvent::NeedsSignIn => {}
        }
    }
    counts
}

#[tokio::test]
async fn thirty_employees_one_failure_then_retry_only_the_failure() {
    let env = env().await;
    let client = env.sign_in(MANAGER).await;
    let targets = targets(&env, 30);
    let broken = targets[17].clone();
    env.server.inject_fault(
        FaultRule::new(
            format!("/pbx/app/mobileconfig/{broken}"),
            Fault::from_pair(pairs::INTERNAL),
        )
        .method(Method::POST),
    );
    let (events, report) = recorder();
    let action = BulkAction::Apply(selection(&env));
    run(
        BulkControl::new(client.clone()),
        action.clone(),
        targets.clone(),
        4,
        report,
    )
    .await;
    let events = events.lock().unwrap().clone();
    assert_eq!(events.len(), 30, "each target reported once");
    assert_eq!(counts(&events), (29, 1, 0));
    let failed: Vec<usize> = events
        .iter()
        .filter_map(|e| match e {
            BulkEvent::Finished {
                index,
                result: Err(error),
            } => {
                assert_eq!(error.status(), Some(500));
                Some(*index)
            }
            _ => None,
        })
        .collect();
    assert_eq!(failed, [17]);

    env.server.clear_faults();
    let (retry_events, report) = recorder();
    run(BulkControl::new(client), action, vec![broken], 4, report).await;
    assert_eq!(counts(&retry_events.lock().unwrap()), (1, 0, 0));
    for target in &targets {
        assert_eq!(
            env.server.successful_writes(target),
            1,
            "exactly one create for {target}"
        );
    }
}

#[tokio::test]
async fn cancel_stops_new_requests_and_lets_those_in_flight_finish() {
    let env = env().await;
    let client = env.sign_in(MANAGER).await;
    let targets = targets(&env, 20);
    env.server.inject_fault(
        FaultRule::new("/pbx/app/mobileconfig/", Fault::Delay(Duration::from_millis(150)))
            .method(Method::POST),
    );
    let control = BulkControl::new(client);
    let (events, report) = recorder();
    let cancel_after_three = {
        let control = control.clone();
        let events = events.clone();
        move |event: BulkEvent| {
            report(event);
            if events.lock().unwrap().len() == 3 {
                control.cancel();
            }
        }
    };
    run(
        control,
        BulkAction::Apply(selection(&env)),
        targets.clone(),
        2,
        cancel_after_three,
    )
    .await;
    let events = events.lock().unwrap().clone();
    let (done, failed, not_attempted) = counts(&events);
    assert_eq!(events.len(), 20, "every target is in the report");
    assert_eq!(failed, 0);
    assert!(
        (3..=4).contains(&done),
        "at most the one in flight finishes after the cancel: {done}"
    );
    assert_eq!(done + not_attempted, 20);
    let written: u32 = targets.iter().map(|t| env.server.successful_writes(t)).sum();
    assert_eq!(
        written as usize, done,
        "nothing was sent for the ones not attempted"
    );
}

#[tokio::test]
async fn an_expired_token_pauses_the_run_and_nothing_is_written_twice() {
    let env = env().await;
    let client = env.sign_in(MANAGER).await;
    let targets = targets(&env, 12);
    let control = BulkControl::new(client);
    let (events, report) = recorder();
    let clock = env.clock.clone();
    let expire_after_four = {
        let events = events.clone();
        move |event: BulkEvent| {
            report(event);
            if events.lock().unwrap().len() == 4 {
                clock.advance(Duration::from_secs(16 * 60));
            }
        }
    };
    let running = tokio::spawn(run(
        control.clone(),
        BulkAction::Apply(selection(&env)),
        targets.clone(),
        2,
        expire_after_four,
    ));
    // Wait (bounded) for the run to ask for a new sign-in.
    let deadline = tokio::time::Instant::now() + Duration::from_secs(10);
    while !events.lock().unwrap().contains(&BulkEvent::NeedsSignIn) {
        assert!(tokio::time::Instant::now() < deadline, "the run never paused");
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    assert!(control.is_paused());
    control.resume(env.sign_in(MANAGER).await);
    running.await.unwrap();

    let events = events.lock().unwrap().clone();
    assert_eq!(counts(&events), (12, 0, 0));
    for target in &targets {
        assert_eq!(
            env.server.successful_writes(target),
            1,
            "exactly one create for {target}"
        );
    }
}
