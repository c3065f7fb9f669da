package dev.palo.activities.study;

import dev.palo.activities.evaluate.report.Table1;
import dev.palo.data.lang.Language;
import dev.palo.data.lang.ResourceLevel;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.IntStream;

/**
 * Table 1's columns for a study: each evaluated language (in the registry's order), then Avg.H over the
 * high-resource ones, Avg.L over the low-resource ones and Avg. over all, each where it averages something. A column
 * is the indices of the languages it averages.
 *
 * @param names   column names
 * @param members per column, indices into {@code languages}
 */
record StudyColumns(List<String> names, List<int[]> members) {
    static StudyColumns of(List<Language> languages) {
        List<String> names = new ArrayList<>();
        List<int[]> members = new ArrayList<>();
        for (int l = 0; l < languages.size(); l++) {
            names.add(languages.get(l).code());
            members.add(new int[] {l});
        }
        average(names, members, languages, Table1.AVG_HIGH, l -> l.resourceLevel() == ResourceLevel.HIGH);
        average(names, members, languages, Table1.AVG_LOW, l -> l.resourceLevel() == ResourceLevel.LOW);
        average(names, members, languages, Table1.AVG, l -> true);
        return new StudyColumns(List.copyOf(names), List.copyOf(members));
    }

    private static void average(List<String> names, List<int[]> members, List<Language> languages, String name,
                                Predicate<Language> group) {
        int[] averaged = IntStream.range(0, languages.size()).filter(l -> group.test(languages.get(l))).toArray();
        if (averaged.length > 0) {
            names.add(name);
            members.add(averaged);
        }
    }
}
