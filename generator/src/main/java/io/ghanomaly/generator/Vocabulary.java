package io.ghanomaly.generator;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** The fixed vocabularies that generated logins, names and text are made from. */
final class Vocabulary {
    private static final String[] WORDS =
            words(
                    """
                    add update fix remove refactor improve support config build test docs readme
                    api client server cache query parser model data user auth login token session
                    error handler request response route page layout style theme button form input
                    validation schema migration database index search filter sort list table view
                    component module package dependency version release deploy pipeline workflow
                    action script tool cli command option setting env docker image container
                    cluster service worker queue job task event stream message log metric monitor
                    alert health timeout retry limit memory performance bug crash type interface
                    function method field value default state store hook context provider plugin
                    loader bundle asset icon font color dark mode mobile web app site blog post
                    comment profile upload file path link video chart map game player score engine
                    render scene camera network socket json yaml markdown template generator
                    example demo tutorial guide course homework project portfolio landing
                    dashboard admin account payment order cart product shop email notification
                    calendar booking chat bot ai llm prompt agent training dataset notebook
                    analysis report benchmark kernel driver sensor device robot home automation
                    weather finance wallet contract rust python java kotlin swift go typescript
                    react vue svelte next node spring django flask rails laravel unity godot
                    flutter the a for with when in of and to on from new old missing broken unused
                    simple
                    """);

    private static final String[] SYLLABLES =
            words(
                    """
                    ka ri to mo na li sa ne ro ta ki mi lo da ve xi zu be chi an el or in us ar ja
                    han min jun wei yu lee kim dev code tech pro max alex sam john maria ana luca
                    nico omar ali raj ravi arjun chen wang zhang liu sato ivan olga mehmet ahmed
                    fatima sofia emma noah leo mia yuki hiro kai sun moon star dark neo zen
                    """);

    private static final String[] ORG_SUFFIXES =
            words(
                    """
                    labs team dev hq org io studio foundation community works cloud systems ai tech
                    group project solutions inc oss
                    """);

    /** How commit subjects often start. */
    private static final String[] COMMIT_PREFIXES =
            lines(
                    """
                    fix:
                    feat:
                    chore:
                    docs:
                    refactor:
                    Update
                    Add
                    Fix
                    Remove
                    Merge branch 'main' into
                    WIP
                    test:
                    ci:
                    """);

    private static final String[] LANGUAGES =
            lines(
                    """
                    TypeScript
                    Python
                    JavaScript
                    Java
                    Go
                    Rust
                    C++
                    C#
                    PHP
                    Ruby
                    Kotlin
                    Swift
                    Shell
                    HTML
                    CSS
                    Jupyter Notebook
                    Dart
                    C
                    Vue
                    """);

    private static final String[] PACKAGES =
            words(
                    """
                    lodash axios express react-dom webpack eslint jest vite next typescript urllib3
                    requests django numpy pillow cryptography golang.org/x/net serde tokio
                    actions/checkout actions/setup-node com.fasterxml.jackson.core:jackson-databind
                    nanoid cross-spawn path-to-regexp micromatch body-parser undici rollup esbuild
                    """);

    private static final String[] FILE_EXTENSIONS =
            words(".ts .py .js .java .go .rs .md .yml .tsx .kt");

    private static final String[] ECOSYSTEMS =
            words("npm_and_yarn pip go_modules cargo github_actions maven bundler");

    private Vocabulary() {}

    static String word(SplittableRandom random) {
        return pick(WORDS, random);
    }

    static String syllable(SplittableRandom random) {
        return pick(SYLLABLES, random);
    }

    static String organisationSuffix(SplittableRandom random) {
        return pick(ORG_SUFFIXES, random);
    }

    /** A prefix for a commit subject, or "" for the half of subjects that have none. */
    static String commitPrefix(SplittableRandom random) {
        int index = random.nextInt(COMMIT_PREFIXES.length * 2);
        return index < COMMIT_PREFIXES.length ? COMMIT_PREFIXES[index] : "";
    }

    /** A repository's language, the same for the same hash. */
    static String language(long hash) {
        return LANGUAGES[StableHash.below(hash, LANGUAGES.length)];
    }

    /** A package that dependency bots bump. */
    static String dependency(SplittableRandom random) {
        return pick(PACKAGES, random);
    }

    /** A package ecosystem as dependabot names it in branch names. */
    static String ecosystem(SplittableRandom random) {
        return pick(ECOSYSTEMS, random);
    }

    static String fileExtension(SplittableRandom random) {
        return pick(FILE_EXTENSIONS, random);
    }

    private static String pick(String[] list, SplittableRandom random) {
        return list[random.nextInt(list.length)];
    }

    /** The whitespace-separated words of a text. */
    private static String[] words(String text) {
        List<String> words = new ArrayList<>();
        int start = -1;
        for (int i = 0; i <= text.length(); i++) {
            boolean space = i == text.length() || Character.isWhitespace(text.charAt(i));
            if (space && start >= 0) {
                words.add(text.substring(start, i));
                start = -1;
            } else if (!space && start < 0) {
                start = i;
            }
        }
        return words.toArray(String[]::new);
    }

    /** The non-empty lines of a text block. */
    private static String[] lines(String text) {
        return text.lines().filter(line -> !line.isBlank()).toArray(String[]::new);
    }
}
