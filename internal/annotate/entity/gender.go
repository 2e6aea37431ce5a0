package entity

// Common first names by gender, across the languages news about Europe,
// the Americas and the Middle East most often names. The lists only break
// ties in pronoun resolution; a name on neither list is Unknown.
var maleNames = set(
	"aaron", "abdul", "abdullah", "adam", "ahmed", "ahmad", "alan", "albert", "aleksandr", "aleksei", "alexei", "alexey", "alex",
	"alexander", "alexandre", "ales", "ali", "alistair", "amir", "andre", "andrei", "andrew", "andrey", "andriy", "andrzej", "angus", "anthony",
	"antonio", "anton", "arnold", "arthur", "barack", "ben", "benjamin", "bernie", "bill", "billy", "bob", "boris", "brad", "brian", "bruce",
	"carl", "carlos", "charles", "chris", "christopher", "chuck", "colin", "craig", "dan", "daniel", "dariusz", "david", "dennis", "denis", "dmitry",
	"dmitri", "donald", "doug", "douglas", "duncan", "ed", "eddie", "edward", "emmanuel", "eric", "erik", "evan", "francis", "francisco",
	"frank", "fred", "gary", "george", "gerald", "gordon", "greg", "gregory", "hamid", "hans", "harold", "harry", "hassan", "henry",
	"howard", "hugo", "hussein", "ian", "igor", "ivan", "jack", "jacob", "jake", "james", "jan", "jared", "jason", "jean", "jeb", "jeff",
	"jeffrey", "jeremy", "jerry", "jim", "jimmy", "joe", "joel", "john", "johnny", "jon", "jonathan", "jorge", "jose", "joseph", "josh",
	"joshua", "juan", "justin", "karl", "keith", "ken", "kenneth", "kevin", "khalid", "kim", "kyle", "larry", "lars", "lee", "leonid", "louis", "luis",
	"luke", "marco", "marcus", "mark", "martin", "matt", "matthew", "max", "michael", "mike", "mikhail", "mitch", "mohammed", "muhammad",
	"mohammad", "mykola", "neil", "nick", "nicholas", "nicolas", "nikita", "nikolai", "oleg", "oleksandr", "oleksiy", "olaf", "omar", "oscar",
	"patrick", "paul", "pavel", "pavlo", "pedro", "peter", "petro", "phil", "philip", "pierre", "piotr", "rafael", "ralph", "ramzan", "rand",
	"raymond", "reince", "richard", "rick", "rob", "robert", "roger", "ron", "ronald", "roy", "rudy", "rupert", "russell", "ryan", "sam",
	"samuel", "scott", "sean", "sebastian", "serhiy", "sergei", "sergey", "sergiy", "simon", "stanislav", "stephen", "steve", "steven",
	"stuart", "ted", "thomas", "tim", "timothy", "tom", "tony", "vadim", "valery", "viktor", "victor", "vince", "vitali", "vladimir",
	"volodymyr", "walter", "wayne", "william", "yevgeny", "yuri", "yury", "zbigniew", "mitt", "newt", "marco", "mike", "tim",
	"rodrigo", "recep", "xi", "narendra", "benjamin", "bashar", "kim", "jens", "olaf", "rishi", "keir", "nigel", "tucker",
	"aliaksandr", "aliaksiej", "aleksander", "mateusz", "lech", "jaroslaw", "viktor", "emmanuel", "friedrich", "gerhard", "helmut",
)

var femaleNames = set(
	"alice", "alicia", "amanda", "amy", "ana", "andrea", "angela", "ann", "anna", "anne", "annalena", "barbara", "betsy", "betty",
	"beata", "brenda", "carly", "carol", "caroline", "catherine", "chelsea", "christina", "christine", "claire", "condoleezza", "cynthia",
	"deborah", "debbie", "diana", "diane", "donna", "dorothy", "elena", "elizabeth", "ellen", "elise", "elsa", "emily", "emma",
	"eva", "evelyn", "gina", "giorgia", "hannah", "heather", "helen", "hillary", "huma", "irina", "ivanka", "jane", "janet", "jennifer",
	"jessica", "jill", "joan", "julia", "julie", "karen", "kamala", "kate", "katherine", "kathleen", "kathryn", "kellyanne", "kelly",
	"kim", "kristen", "laura", "lauren", "linda", "lisa", "liz", "lori", "lynn", "margaret", "maria", "marie", "marine", "martha", "mary",
	"maxine", "megan", "melania", "melissa", "michelle", "nancy", "natalia", "natalya", "nicola", "nicole", "nikki", "olena", "olga",
	"pamela", "patricia", "rachel", "rebecca", "rosa", "ruth", "sandra", "sarah", "sara", "sharon", "sophie", "stephanie", "susan",
	"sviatlana", "svetlana", "tatiana", "tatyana", "teresa", "theresa", "tulsi", "ursula", "valerie", "victoria", "yulia", "yuliya",
	"alexandria", "ilhan", "nikki", "sanna", "liz", "kaja", "maia", "angelina", "oksana", "iryna", "maryna", "alina",
)
