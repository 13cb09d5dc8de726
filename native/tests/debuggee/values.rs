// values.rs: a Rust program (std only) holding the standard library's values, for the tests of Rust
// values in the Locals scope (RustValuesTest). It prints what it holds (the forward ground truth),
// then stops at the line marked RUST_STOP inside parse::Parser::next.
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::rc::Rc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

#[derive(Debug)]
enum Token {
    Number(i64),
    Word { text: String, upper: bool },
    End,
}

#[derive(Debug)]
struct Point(i32, i32);

mod parse {
    pub struct Parser {
        pub input: Vec<u8>,
        pub pos: usize,
    }

    impl Parser {
        #[inline(never)]
        pub fn next(&mut self, limit: usize) -> Option<u8> {
            let here = self.pos;
            if here >= limit.min(self.input.len()) {
                return None;
            }
            self.pos += 1;
            println!("parser at {}", here); /* PARSER_STOP */
            Some(self.input[here])
        }
    }
}

static SEEN: AtomicUsize = AtomicUsize::new(0);

/* Keeps a value alive and in memory up to the stop (its address escapes). */
#[inline(never)]
fn sink<T>(v: &T) -> usize {
    SEEN.fetch_add(v as *const T as usize, Ordering::SeqCst)
}

/* "truth NAME: DISPLAY" */
fn truth(name: &str, display: String) {
    println!("truth {}: {}", name, display);
}

/* A sequence as the view shows it: "size=3 {10, 20, 30}", the first 8 elements. */
fn seq<T: std::fmt::Debug>(items: &[T]) -> String {
    let first: Vec<String> = items.iter().take(8).map(|v| format!("{:?}", v)).collect();
    let more = if items.len() > 8 { ", ..." } else { "" };
    format!("size={} {{{}{}}}", items.len(), first.join(", "), more)
}

fn main() {
    let greeting: String = String::from("hello, rust");
    let slice: &str = &greeting[0..5];
    let numbers: Vec<i32> = vec![10, 20, 30];
    let big: Vec<u64> = (0..5000).map(|i| i * 3).collect();
    let part: &[i32] = &numbers[1..];
    let some: Option<i32> = Some(7);
    let none: Option<i32> = None;
    let ok: Result<i32, String> = Ok(3);
    let err: Result<i32, String> = Err(String::from("bad"));
    let boxed: Box<i32> = Box::new(77);
    let shared: Rc<String> = Rc::new(String::from("shared"));
    let shared2 = Rc::clone(&shared);
    let atomic: Arc<i32> = Arc::new(5);
    let word = Token::Word { text: String::from("hi"), upper: true };
    let number = Token::Number(-4);
    let end = Token::End;
    let maybe_ref: Option<&i32> = Some(&numbers[0]);
    let no_ref: Option<&i32> = None;
    let maybe_box: Option<Box<i32>> = Some(Box::new(9));
    let pair: (i32, char) = (1, 'x');
    let point = Point(3, -5);
    let letter: char = 'é';
    let flag: bool = true;
    let wide: u128 = 1u128 << 100;
    let negative: i128 = -12345678901234567890i128;
    let mut ages: HashMap<String, u32> = HashMap::new();
    ages.insert(String::from("bob"), 42);
    ages.insert(String::from("ann"), 37);
    let mut seen: HashSet<i32> = HashSet::new();
    seen.insert(5);
    let mut ranks: BTreeMap<u32, String> = BTreeMap::new();
    for i in 0..100u32 {
        ranks.insert(i * 37 % 101, format!("r{}", i));
    }
    let few: BTreeSet<char> = "rust".chars().collect();
    let mut parser = parse::Parser { input: b"abc".to_vec(), pos: 0 };
    // the forward ground truth: each value as the variables view shows it
    truth("greeting", format!("{:?}", greeting));
    truth("slice", format!("{:?}", slice));
    truth("numbers", seq(&numbers));
    truth("big", seq(&big));
    truth("part", seq(part));
    truth("some", format!("{:?}", some));
    truth("none", format!("{:?}", none));
    truth("ok", format!("{:?}", ok));
    truth("err", format!("{:?}", err));
    truth("boxed", format!("{:p}", boxed));
    truth("shared", format!("{:?} (strong={}, weak={})", shared, Rc::strong_count(&shared), Rc::weak_count(&shared)));
    truth("atomic", format!("{:?} (strong={}, weak={})", atomic, Arc::strong_count(&atomic), Arc::weak_count(&atomic)));
    truth("word", format!("Word{{text: {:?}, upper: {:?}}}", "hi", true));
    truth("number", format!("{:?}", number));
    truth("end", format!("{:?}", end));
    truth("maybe_ref", format!("Some({:p})", maybe_ref.unwrap()));
    truth("no_ref", format!("{:?}", no_ref));
    truth("maybe_box", format!("Some({:p})", &**maybe_box.as_ref().unwrap()));
    truth("pair", format!("{:?}", pair));
    truth("point", format!("{:?}", point));
    truth("letter", format!("{:?}", letter));
    truth("flag", format!("{:?}", flag));
    truth("wide", format!("{:?}", wide));
    truth("negative", format!("{:?}", negative));
    let entries: Vec<String> = ages.iter().map(|(k, v)| format!("[{:?}] = {}", k, v)).collect();
    truth("ages", format!("size={} {{{}}}", ages.len(), entries.join(", ")));
    truth("seen", format!("size={} {{{}}}", seen.len(), seen.iter().map(|v| v.to_string()).collect::<Vec<_>>().join(", ")));
    let first: Vec<String> = ranks.iter().take(8).map(|(k, v)| format!("[{}] = {:?}", k, v)).collect();
    truth("ranks", format!("size={} {{{}, ...}}", ranks.len(), first.join(", ")));
    truth("few", format!("size={} {{{}}}", few.len(), few.iter().map(|c| format!("{:?}", c)).collect::<Vec<_>>().join(", ")));
    println!("truth lines done");
    sink(&greeting); sink(&slice); sink(&numbers); sink(&big); sink(&part); sink(&some); sink(&none);
    sink(&ok); sink(&err); sink(&boxed); sink(&shared); sink(&shared2); sink(&atomic); sink(&word);
    sink(&number); sink(&end); sink(&maybe_ref); sink(&no_ref); sink(&maybe_box); sink(&pair);
    sink(&point); sink(&letter); sink(&flag); sink(&wide); sink(&negative); sink(&ages); sink(&seen); sink(&ranks); sink(&few);
    println!("values ready"); /* RUST_STOP */
    while let Some(c) = parser.next(2) {
        sink(&c);
    }
    sink(&parser);
}
