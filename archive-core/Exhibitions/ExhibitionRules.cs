using QyHeritage.Archive.Catalog;

namespace QyHeritage.Archive.Exhibitions;

/// <summary>
/// What makes an exhibition well formed (<see cref="Check"/>, on every save) and publishable
/// (<see cref="CheckAgainstCatalog"/>: every exhibit names a page with an image, and its region lies
/// inside that image). Problems are values, each said in Chinese then English.
/// </summary>
public static class ExhibitionRules
{
    public const int MaxTitle = 200;
    public const int MaxLabel = 300;
    public const int MaxText = 20_000;
    public const int MaxExhibits = 500;
    public const int MaxQuestions = 20;
    public const int MaxChoices = 10;

    public static IReadOnlyList<ExhibitionProblem> Check(Exhibition e)
    {
        var p = new List<ExhibitionProblem>();
        void Add(string path, string zh, string en) => p.Add(new ExhibitionProblem(path, zh, en));

        if (!ExhibitionSlug.IsValid(e.Id))
            Add("id", "展览编号只能由小写字母、数字和连字符组成，以字母开头，最多 60 个字符。",
                "An exhibition id is lowercase letters, digits and '-', starts with a letter, at most 60 characters.");
        Required(p, "title", e.Title, MaxTitle, "展览标题", "exhibition title");
        Optional(p, "subtitle", e.Subtitle, MaxTitle, "副标题", "subtitle");
        Optional(p, "introduction", e.Introduction, MaxText, "导言", "introduction");
        if (!ExhibitionSlug.IsValid(e.Hall))
            Add("hall", $"展厅模板名称无效（例如 {ExhibitionHalls.BeijiangGallery}、{ExhibitionHalls.TeaPavilion}）。",
                $"The hall template name is not valid (e.g. {ExhibitionHalls.BeijiangGallery}, {ExhibitionHalls.TeaPavilion}).");

        var sectionIds = new HashSet<string>(StringComparer.Ordinal);
        var exhibitIds = new HashSet<string>(StringComparer.Ordinal);
        for (var s = 0; s < e.Sections.Count; s++)
        {
            var section = e.Sections[s];
            var sp = $"sections[{s}]";
            if (!ExhibitionSlug.IsValid(section.Id))
                Add($"{sp}.id", "单元编号只能由小写字母、数字和连字符组成。", "A section id is lowercase letters, digits and '-'.");
            else if (!sectionIds.Add(section.Id))
                Add($"{sp}.id", $"单元编号 {section.Id} 重复。", $"The section id {section.Id} is used twice.");
            Required(p, $"{sp}.title", section.Title, MaxTitle, "单元标题", "section title");
            Optional(p, $"{sp}.text", section.Text, MaxText, "单元说明", "section text");
            for (var x = 0; x < section.Exhibits.Count; x++)
            {
                var ex = section.Exhibits[x];
                var xp = $"{sp}.exhibits[{x}]";
                if (!ExhibitionSlug.IsValid(ex.Id))
                    Add($"{xp}.id", "展品编号只能由小写字母、数字和连字符组成。", "An exhibit id is lowercase letters, digits and '-'.");
                else if (!exhibitIds.Add(ex.Id))
                    Add($"{xp}.id", $"展品编号 {ex.Id} 重复。", $"The exhibit id {ex.Id} is used twice.");
                if (!Domain.Item.IsValidId(ex.Item))
                    Add($"{xp}.item", "藏品编号无效（例如 QY-RB-008）。", "The item id is not valid (e.g. QY-RB-008).");
                if (ex.Page < 1)
                    Add($"{xp}.page", "页码从 1 开始。", "Pages are numbered from 1.");
                if (ex.Region is { } r && (r.X < 0 || r.Y < 0 || r.W <= 0 || r.H <= 0))
                    Add($"{xp}.region", "区域的位置不能为负，宽和高必须大于 0。", "A region's x and y cannot be negative and its width and height must be above 0.");
                Required(p, $"{xp}.label", ex.Label, MaxLabel, "展品说明牌", "exhibit label");
                Optional(p, $"{xp}.text", ex.Text, MaxText, "展品说明", "exhibit text");
                CheckQuestions(p, xp, ex.Questions ?? []);
            }
        }
        if (exhibitIds.Count > MaxExhibits)
            Add("sections", $"一个展览最多 {MaxExhibits} 件展品。", $"An exhibition holds at most {MaxExhibits} exhibits.");
        if (e.Cover is not null && !e.Exhibits.Any(x => x.Id == e.Cover))
            Add("cover", $"封面展品 {e.Cover} 不在本展览中。", $"The cover exhibit {e.Cover} is not in this exhibition.");
        return p;
    }

    /// <summary>
    /// Problems that only the catalog can show: no such item or page, a page without an image, a region
    /// outside the image; and an exhibition with nothing to show. <paramref name="find"/> looks an item up.
    /// </summary>
    public static IReadOnlyList<ExhibitionProblem> CheckAgainstCatalog(Exhibition e, Func<string, CatalogEntry?> find)
    {
        var p = new List<ExhibitionProblem>();
        if (!e.Exhibits.Any())
            p.Add(new("sections", "展览至少要有一件展品才能发布。", "An exhibition needs at least one exhibit to be published."));
        for (var s = 0; s < e.Sections.Count; s++)
        {
            for (var x = 0; x < e.Sections[s].Exhibits.Count; x++)
            {
                var ex = e.Sections[s].Exhibits[x];
                var xp = $"sections[{s}].exhibits[{x}]";
                var entry = Domain.Item.IsValidId(ex.Item) ? find(ex.Item) : null;
                var page = entry?.Item.Pages.FirstOrDefault(pg => pg.Order == ex.Page);
                if (entry is null)
                    p.Add(new($"{xp}.item", $"馆藏中没有藏品 {ex.Item}。", $"The collections have no item {ex.Item}."));
                else if (page is null)
                    p.Add(new($"{xp}.page", $"{ex.Item} 没有第 {ex.Page} 页。", $"{ex.Item} has no page {ex.Page}."));
                else if (page.Derivative is null || page.Width <= 0 || page.Height <= 0)
                    p.Add(new($"{xp}.page", $"{ex.Item} 第 {ex.Page} 页没有图像。", $"Page {ex.Page} of {ex.Item} has no image."));
                else if (ex.Region is { } r && !r.FitsIn(page.Width, page.Height))
                    p.Add(new($"{xp}.region", $"区域 {r.ToIiif()} 超出了页面图像（{page.Width}×{page.Height}）。",
                        $"The region {r.ToIiif()} reaches outside the page image ({page.Width}×{page.Height})."));
            }
        }
        return p;
    }

    private static void CheckQuestions(List<ExhibitionProblem> p, string xp, IReadOnlyList<TourQuestion> questions)
    {
        if (questions.Count > MaxQuestions)
            p.Add(new($"{xp}.questions", $"一件展品最多 {MaxQuestions} 个问题。", $"An exhibit has at most {MaxQuestions} questions."));
        for (var q = 0; q < questions.Count; q++)
        {
            var question = questions[q];
            var qp = $"{xp}.questions[{q}]";
            Required(p, $"{qp}.prompt", question.Prompt, MaxLabel, "问题", "question");
            var choices = question.Choices ?? [];
            var answers = question.Answers ?? [];
            if (question.Kind == QuestionKind.Short)
            {
                if (choices.Count > 0 || answers.Count > 0)
                    p.Add(new(qp, "简答题没有选项。", "A short-answer question has no choices."));
                Optional(p, $"{qp}.modelAnswer", question.ModelAnswer, MaxLabel, "参考答案", "model answer");
                continue;
            }
            if (choices.Count < 2 || choices.Count > MaxChoices)
                p.Add(new($"{qp}.choices", $"选择题要有 2 到 {MaxChoices} 个选项。", $"A choice question needs 2 to {MaxChoices} choices."));
            for (var c = 0; c < choices.Count; c++) Required(p, $"{qp}.choices[{c}]", choices[c], MaxLabel, "选项", "choice");
            if (answers.Any(a => a < 0 || a >= choices.Count) || answers.Distinct().Count() != answers.Count)
                p.Add(new($"{qp}.answers", "正确答案必须是不重复的选项序号（从 0 开始）。", "Right answers must be distinct choice numbers (from 0)."));
            else if (question.Kind == QuestionKind.Single && answers.Count != 1)
                p.Add(new($"{qp}.answers", "单选题恰有一个正确答案。", "A single-choice question has exactly one right answer."));
            else if (question.Kind == QuestionKind.Multiple && answers.Count < 1)
                p.Add(new($"{qp}.answers", "多选题至少有一个正确答案。", "A multiple-choice question has at least one right answer."));
        }
    }

    private static void Required(List<ExhibitionProblem> p, string path, Bilingual? text, int max, string zh, string en)
    {
        if (text is null || string.IsNullOrWhiteSpace(text.Zh))
            p.Add(new(path, $"请填写中文{zh}。", $"The {en} needs its Chinese text."));
        Optional(p, path, text, max, zh, en);
    }

    private static void Optional(List<ExhibitionProblem> p, string path, Bilingual? text, int max, string zh, string en)
    {
        if (text is null) return;
        if ((text.Zh?.Length ?? 0) > max || (text.En?.Length ?? 0) > max)
            p.Add(new(path, $"{zh}最长 {max} 个字符。", $"The {en} is at most {max} characters."));
        if (HasControl(text.Zh) || HasControl(text.En))
            p.Add(new(path, $"{zh}含有控制字符。", $"The {en} holds control characters."));
    }

    private static bool HasControl(string? s) => s is not null && s.Any(c => char.IsControl(c) && c is not '\n' and not '\r' and not '\t');
}
