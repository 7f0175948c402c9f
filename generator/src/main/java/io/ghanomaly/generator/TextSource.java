package io.ghanomaly.generator;

import java.util.SplittableRandom;

/**
 * Makes the text of generated events (logins, repository names, titles, bodies, commit messages)
 * from fixed word lists, so sizes and escaping look like real activity without real content.
 */
final class TextSource {
    private TextSource() {}

    /** A login in one of the shapes real logins take: "kenrolo", "maria1987", "Nived-Manoj". */
    static String login(SplittableRandom random) {
        StringBuilder login = new StringBuilder(24);
        int shape = random.nextInt(100);
        if (shape < 40) {
            appendSyllables(random, login, random.nextInt(2, 4), false);
        } else if (shape < 65) {
            appendSyllables(random, login, random.nextInt(1, 3), false);
            login.append(random.nextInt(10, 10_000));
        } else if (shape < 85) {
            appendSyllables(random, login, 2, false);
            login.append('-').append(Vocabulary.syllable(random));
        } else {
            appendSyllables(random, login, random.nextInt(1, 3), true);
            login.append('-');
            appendSyllables(random, login, random.nextInt(1, 3), true);
        }
        return login.length() > 39 ? login.substring(0, 39) : login.toString();
    }

    static String organisationLogin(SplittableRandom random) {
        StringBuilder login = new StringBuilder(24);
        appendSyllables(random, login, 2 + random.nextInt(2), random.nextBoolean());
        login.append(random.nextBoolean() ? "-" : "");
        return login.append(Vocabulary.organisationSuffix(random)).toString();
    }

    static String customBotLogin(SplittableRandom random) {
        return Vocabulary.word(random) + "-" + Vocabulary.word(random) + "[bot]";
    }

    /** A repository name, the same for the same hash: "dcc-webapp", "presence_simulation". */
    static String repoName(long hash) {
        SplittableRandom random = new SplittableRandom(hash);
        StringBuilder name = new StringBuilder(32);
        int shape = random.nextInt(10);
        String first = Vocabulary.word(random);
        if (shape < 4) {
            name.append(first).append('-').append(Vocabulary.word(random));
        } else if (shape < 6) {
            name.append(first).append('_').append(Vocabulary.word(random));
        } else if (shape < 8) {
            String second = Vocabulary.word(random);
            name.append(first).append(Character.toUpperCase(second.charAt(0)));
            name.append(second, 1, second.length());
        } else if (shape < 9) {
            name.append(first).append(random.nextInt(1, 100));
        } else {
            appendSyllables(random, name, 2, true);
            name.append('-').append(first).append('-').append(Vocabulary.word(random));
        }
        return name.toString();
    }

    /** A sentence of a few words, capitalised, without a full stop: a title or subject line. */
    static void title(SplittableRandom random, TextBuffer out, int minWords, int maxWords) {
        int start = out.length();
        int words = random.nextInt(minWords, maxWords + 1);
        for (int i = 0; i < words; i++) {
            if (i > 0) {
                out.append(' ');
            }
            out.append(Vocabulary.word(random));
        }
        out.capitalize(start);
    }

    static void commitMessage(SplittableRandom random, TextBuffer out) {
        String prefix = Vocabulary.commitPrefix(random);
        if (!prefix.isEmpty()) {
            out.append(prefix).append(' ');
        }
        title(random, out, 1, 7);
        if (random.nextInt(10) == 0) {
            out.append("\n\n");
            int lines = random.nextInt(1, 6);
            for (int i = 0; i < lines; i++) {
                out.append("- ");
                title(random, out, 3, 10);
                out.append('\n');
            }
        }
    }

    /**
     * Markdown prose of about {@code targetChars} characters with the "\r\n" line breaks, headings,
     * lists and code fences of real issue and pull request bodies.
     */
    static void body(SplittableRandom random, TextBuffer out, int targetChars) {
        int end = out.length() + targetChars;
        boolean first = true;
        while (out.length() < end) {
            if (!first) {
                out.append("\r\n\r\n");
            }
            first = false;
            int kind = random.nextInt(10);
            if (kind == 0) {
                out.append("## ");
                title(random, out, 1, 3);
            } else if (kind < 3) {
                int items = random.nextInt(2, 6);
                for (int i = 0; i < items; i++) {
                    out.append(i == 0 ? "- " : "\r\n- ").append(random.nextBoolean() ? "" : "[x] ");
                    title(random, out, 2, 8);
                }
            } else if (kind == 3) {
                out.append("```").append(Vocabulary.word(random)).append("\r\n");
                int lines = random.nextInt(2, 8);
                for (int i = 0; i < lines; i++) {
                    out.append(Vocabulary.word(random))
                            .append("(\"")
                            .append(Vocabulary.word(random))
                            .append("\");\r\n");
                }
                out.append("```");
            } else {
                int sentences = random.nextInt(1, 5);
                for (int i = 0; i < sentences; i++) {
                    if (i > 0) {
                        out.append(' ');
                    }
                    title(random, out, 4, 16);
                    out.append(random.nextInt(8) == 0 ? '?' : '.');
                }
            }
        }
    }

    /**
     * The length of a pull request or issue body, 0 for none: mostly short, a few several KB and a
     * rare few tens of KB, which make the archive's long tail of large lines.
     */
    static int bodyLength(SplittableRandom random) {
        int bucket = random.nextInt(1000);
        if (bucket < 450) {
            return random.nextInt(40, 400);
        } else if (bucket < 650) {
            return random.nextInt(400, 2_000);
        } else if (bucket < 690) {
            return random.nextInt(2_000, 8_000);
        } else if (bucket < 696) {
            return random.nextInt(8_000, 40_000);
        }
        return 0;
    }

    /** A unified diff hunk around {@code line}, as review comments quote it. */
    static void diffHunk(SplittableRandom random, TextBuffer out, int line) {
        out.append("@@ -").append(line).append(",7 +").append(line).append(",9 @@");
        for (int l = random.nextInt(3, 12); l > 0; l--) {
            out.append(l % 3 == 0 ? "\n+" : "\n ").append(Vocabulary.word(random)).append('(');
            out.append(Vocabulary.word(random)).append(");");
        }
    }

    static void filePath(SplittableRandom random, TextBuffer out) {
        out.append("src/")
                .append(Vocabulary.word(random))
                .append('/')
                .append(Vocabulary.word(random));
        out.append(Vocabulary.fileExtension(random));
    }

    static void branch(SplittableRandom random, TextBuffer out) {
        int shape = random.nextInt(6);
        if (shape < 3) {
            out.append(shape == 0 ? "feature/" : shape == 1 ? "fix/" : "feat/");
            out.append(Vocabulary.word(random)).append('-').append(Vocabulary.word(random));
        } else if (shape == 3) {
            out.append("patch-").append(random.nextInt(1, 20));
        } else if (shape == 4) {
            out.append(Vocabulary.word(random)).append('-').append(random.nextInt(1, 500));
        } else {
            out.append(random.nextBoolean() ? "dev" : "develop");
        }
    }

    static void version(SplittableRandom random, TextBuffer out) {
        out.append(random.nextInt(0, 12)).append('.').append(random.nextInt(0, 30));
        out.append('.').append(random.nextInt(0, 40));
    }

    private static void appendSyllables(
            SplittableRandom random, StringBuilder out, int count, boolean capitalised) {
        for (int i = 0; i < count; i++) {
            String syllable = Vocabulary.syllable(random);
            if (capitalised && i == 0) {
                out.append(Character.toUpperCase(syllable.charAt(0)))
                        .append(syllable, 1, syllable.length());
            } else {
                out.append(syllable);
            }
        }
    }
}
