package dev.palo.model.tokenizer;

import java.util.List;

/** "A red circle is on the left." and kin in the ten PALO languages, written for these tests. */
final class TenLanguageSentences {
    static final List<String> ALL = List.of(
            "A red circle is on the left. There are two blue squares.",
            "一个红色的圆在左边。有两个蓝色的正方形。",
            "Un cercle rouge est à gauche. Il y a deux carrés bleus, déjà vus.",
            "Un círculo rojo está a la izquierda. ¿Hay dos cuadrados azules? Sí, señor.",
            "Красный круг находится слева. Есть два синих квадрата.",
            "赤い円は左にあります。青いカードが二つあります。",
            "الدائرة الحمراء على اليسار. هناك مربعان أزرقان.",
            "लाल वृत्त बाईं ओर है। दो नीले वर्ग हैं।",
            "লাল বৃত্তটি বাম দিকে আছে। দুটি নীল বর্গ আছে।",
            "سرخ دائرہ بائیں طرف ہے۔ دو نیلے مربع ہیں۔ یہ ٹھیک ہے۔");

    private TenLanguageSentences() {
    }
}
