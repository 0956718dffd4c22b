namespace MedifyAI.Interview.Lexicon;

/// <summary>Body-region phrases, so "my left knee hurts" maps to joint pain located at the left knee.</summary>
internal static class BodyPartCatalog
{
    private static readonly BodyPart Head = new("head", "headache", "facial-swelling");
    private static readonly BodyPart Face = new("face", "facial-pain", "facial-swelling");
    private static readonly BodyPart Eye = new("eye", "eye-pain", "facial-swelling");
    private static readonly BodyPart Ear = new("ear", "ear-pain", "swelling");
    private static readonly BodyPart Jaw = new("jaw", "jaw-pain", "facial-swelling");
    private static readonly BodyPart Tooth = new("tooth", "toothache", "facial-swelling");
    private static readonly BodyPart Throat = new("throat", "sore-throat", "throat-swelling");
    private static readonly BodyPart Neck = new("neck", "neck-pain", "neck-lump");
    private static readonly BodyPart Chest = new("chest", "chest-pain", "swelling");
    private static readonly BodyPart Breast = new("breast", "breast-pain", "breast-lump");
    private static readonly BodyPart Abdomen = new("abdomen", "abdominal-pain", "abdominal-distension");
    private static readonly BodyPart Flank = new("side", "flank-pain", "swelling");
    private static readonly BodyPart Back = new("back", "back-pain", "swelling");
    private static readonly BodyPart Pelvis = new("pelvis", "pelvic-pain", "swelling");
    private static readonly BodyPart Shoulder = new("shoulder", "shoulder-pain", "joint-swelling");
    private static readonly BodyPart Arm = new("arm", "arm-pain", "swelling");
    private static readonly BodyPart Elbow = new("elbow", "joint-pain", "joint-swelling");
    private static readonly BodyPart Wrist = new("wrist", "joint-pain", "joint-swelling");
    private static readonly BodyPart Hand = new("hand", "hand-pain", "swelling");
    private static readonly BodyPart Finger = new("finger", "hand-pain", "joint-swelling");
    private static readonly BodyPart Hip = new("hip", "joint-pain", "joint-swelling");
    private static readonly BodyPart Leg = new("leg", "leg-pain", "leg-swelling");
    private static readonly BodyPart Knee = new("knee", "joint-pain", "joint-swelling");
    private static readonly BodyPart Ankle = new("ankle", "joint-pain", "leg-swelling");
    private static readonly BodyPart Foot = new("foot", "foot-pain", "leg-swelling");
    private static readonly BodyPart Joint = new("joints", "joint-pain", "joint-swelling");
    private static readonly BodyPart Anus = new("anus", "anal-pain", "swelling");
    private static readonly BodyPart Testicle = new("testicle", "testicular-pain", "swelling");

    /// <summary>Phrases naming a body region; qualifiers such as "left" or "lower" are read separately.</summary>
    public static IReadOnlyList<KeyValuePair<string, BodyPart>> Phrases { get; } =
    [
        new("head", Head), new("forehead", Head), new("temple", Head),
        new("face", Face), new("cheek", Face), new("sinus", Face), new("sinuses", Face),
        new("eye", Eye), new("eyelid", new BodyPart("eyelid", "eye-pain", "eyelid-swelling")),
        new("ear", Ear),
        new("jaw", Jaw),
        new("tooth", Tooth), new("teeth", Tooth), new("gum", Tooth),
        new("throat", Throat),
        new("neck", Neck),
        new("chest", Chest), new("breastbone", Chest), new("sternum", Chest), new("rib", Chest),
        new("breast", Breast), new("nipple", new BodyPart("nipple", "breast-pain", "breast-lump")),
        new("abdomen", Abdomen), new("abdominal", Abdomen), new("stomach", Abdomen), new("belly", Abdomen),
        new("tummy", Abdomen), new("gut", Abdomen), new("epigastrium", Abdomen), new("epigastric", Abdomen),
        new("quadrant", Abdomen), new("ruq", Abdomen), new("luq", Abdomen), new("rlq", Abdomen), new("llq", Abdomen),
        new("umbilicus", Abdomen), new("navel", Abdomen), new("suprapubic", Pelvis),
        new("flank", Flank), new("loin", Flank), new("kidney", Flank), new("side", Flank),
        new("back", Back), new("spine", Back), new("tailbone", Back),
        new("pelvis", Pelvis), new("pelvic", Pelvis), new("groin", Pelvis), new("bladder", Pelvis),
        new("shoulder", Shoulder), new("shoulder blade", Back),
        new("arm", Arm), new("forearm", Arm),
        new("elbow", Elbow),
        new("wrist", Wrist),
        new("hand", Hand), new("palm", Hand),
        new("finger", Finger), new("thumb", Finger),
        new("hip", Hip),
        new("leg", Leg), new("thigh", Leg), new("calf", Leg), new("shin", Leg), new("lower leg", Leg),
        new("limb", Leg), new("extremity", Leg),
        new("knee", Knee),
        new("ankle", Ankle),
        new("foot", Foot), new("feet", Foot), new("heel", Foot), new("toe", Foot), new("sole", Foot),
        new("joint", Joint),
        new("armpit", new BodyPart("armpit", "arm-pain", "lymph-node-swelling")),
        new("axilla", new BodyPart("armpit", "arm-pain", "lymph-node-swelling")),
        new("axillary", new BodyPart("armpit", "arm-pain", "lymph-node-swelling")),
        new("lymph node", new BodyPart("lymph nodes", "lymph-node-swelling", "lymph-node-swelling")),
        new("gland", new BodyPart("glands", "lymph-node-swelling", "lymph-node-swelling")),
        new("anus", Anus), new("rectum", Anus), new("bottom", Anus),
        new("testicle", Testicle), new("scrotum", Testicle), new("scrotal", Testicle),
    ];
}
